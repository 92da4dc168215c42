package io.promptgate.gateway.forward;

/** Chooses, once an upstream's head is known, how its body is looked at and what the client gets of it. */
@FunctionalInterface
interface InspectorFactory {
    BodyInspector forResponse(int status, boolean eventStream);
}
