package io.promptgate.console;

import java.io.Serializable;
import java.time.Instant;

/** A half-open time range [from, to). */
public record TimeWindow(Instant from, Instant to) implements Serializable {
}
