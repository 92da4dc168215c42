/**
 * Translation between the Anthropic Messages and OpenAI Chat Completions protocols, for a route
 * whose provider has no exit in the caller's protocol. Every class is named for the data it
 * converts, from → to:
 *
 * <table>
 *   <caption>which class to call</caption>
 *   <tr><th>step</th><th>Anthropic caller, OpenAI exit</th><th>OpenAI caller, Anthropic exit</th></tr>
 *   <tr><td>request body</td><td>{@link AnthropicToOpenAiRequest}</td><td>{@link OpenAiToAnthropicRequest}</td></tr>
 *   <tr><td>2xx response body</td><td>{@link OpenAiToAnthropicResponse}</td><td>{@link AnthropicToOpenAiResponse}</td></tr>
 *   <tr><td>event stream</td><td>{@link OpenAiToAnthropicStream}</td><td>{@link AnthropicToOpenAiStream}</td></tr>
 *   <tr><td>error response</td><td>{@link UpstreamErrors#openAiToAnthropic}</td><td>{@link UpstreamErrors#anthropicToOpenAi}</td></tr>
 * </table>
 *
 * <p>{@link CountTokens} estimates an Anthropic request's input tokens (count_tokens, and the
 * estimate a translated stream announces before the upstream's real count arrives).
 *
 * <p>Request and response translators are stateless; a stream translator belongs to one response
 * and reports the usage the upstream sent ({@code usage()}), so the gateway records the
 * upstream's numbers, not the estimate. Nothing here throws on what an upstream sends: malformed
 * input becomes an error in the caller's protocol. The model name written into a request is left
 * as it is (the transform stage rewrites it); responses show the model the caller asked for.
 * Depends on {@code core}, Jackson and jtokkit only.
 */
package io.promptgate.protocol.adapt;
