package io.promptgate.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ready-to-copy client configurations for one route. None holds a key: each reads it from the
 * environment variable {@code PROMPTGATE_API_KEY} (the playground's key stays in the browser).
 */
final class ClientSnippets {
    static final String KEY_VARIABLE = "PROMPTGATE_API_KEY";

    private ClientSnippets() {
    }

    /**
     * @param origin  scheme, host and port the clients reach the gateway at, e.g. {@code https://code.example.com}
     * @param path    the route's request path (a {@code /*} prefix route: its prefix)
     * @param anthropic whether the route speaks the Anthropic protocol
     * @return bundle key of each snippet's title → the snippet
     */
    static Map<String, String> of(String origin, String path, boolean anthropic, String model) {
        String url = origin + concrete(path, anthropic);
        Map<String, String> snippets = new LinkedHashMap<>();
        if (anthropic) {
            String base = origin + prefixBefore(concrete(path, true), "/v1/messages");
            snippets.put("playground.curl", """
                    curl -N %s \\
                      -H "x-api-key: $%s" \\
                      -H "anthropic-version: 2023-06-01" \\
                      -H "content-type: application/json" \\
                      -d '{"model":"%s","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Hello"}]}'
                    """.formatted(url, KEY_VARIABLE, model));
            snippets.put("playground.anthropicPython", """
                    import os
                    import anthropic

                    client = anthropic.Anthropic(base_url="%s", api_key=os.environ["%s"])
                    message = client.messages.create(model="%s", max_tokens=256,
                                                     messages=[{"role": "user", "content": "Hello"}])
                    print(message.content[0].text)
                    """.formatted(base, KEY_VARIABLE, model));
            snippets.put("playground.claudeCode", """
                    {
                      "env": {
                        "ANTHROPIC_BASE_URL": "%s",
                        "ANTHROPIC_MODEL": "%s"
                      },
                      "apiKeyHelper": "printenv %s"
                    }
                    """.formatted(base, model, KEY_VARIABLE));
        } else {
            String base = origin + prefixBefore(concrete(path, false), "/chat/completions");
            snippets.put("playground.curl", """
                    curl -N %s \\
                      -H "Authorization: Bearer $%s" \\
                      -H "content-type: application/json" \\
                      -d '{"model":"%s","stream":true,"messages":[{"role":"user","content":"Hello"}]}'
                    """.formatted(url, KEY_VARIABLE, model));
            snippets.put("playground.openaiPython", """
                    import os
                    from openai import OpenAI

                    client = OpenAI(base_url="%s", api_key=os.environ["%s"])
                    answer = client.chat.completions.create(model="%s",
                                                            messages=[{"role": "user", "content": "Hello"}])
                    print(answer.choices[0].message.content)
                    """.formatted(base, KEY_VARIABLE, model));
            snippets.put("playground.openaiNode", """
                    import OpenAI from "openai";

                    const client = new OpenAI({ baseURL: "%s", apiKey: process.env.%s });
                    const answer = await client.chat.completions.create({
                      model: "%s",
                      messages: [{ role: "user", content: "Hello" }],
                    });
                    console.log(answer.choices[0].message.content);
                    """.formatted(base, KEY_VARIABLE, model));
        }
        return snippets;
    }

    /** The request path a client posts to: a {@code prefix/*} route gets the protocol's endpoint appended. */
    static String concrete(String path, boolean anthropic) {
        if (path.endsWith("/*")) {
            String prefix = path.substring(0, path.length() - 2);
            String endpoint = anthropic ? "/v1/messages" : "/v1/chat/completions";
            return prefix.endsWith("/v1") ? prefix + endpoint.substring(3) : prefix + endpoint;
        }
        return path;
    }

    private static String prefixBefore(String path, String suffix) {
        return path.endsWith(suffix) ? path.substring(0, path.length() - suffix.length()) : path;
    }
}
