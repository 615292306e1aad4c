package io.vocalhost.voicebridge.relay;

import java.time.Duration;
import java.time.Instant;

/**
 * A tool the assistant called during a call, as it is stored and shown.
 *
 * @param arguments the arguments as the model sent them (JSON text)
 * @param output the result the model got (JSON text)
 * @param at when the model asked
 * @param took how long the result took, up to the tool timeout
 * @param summary what it did, for the call's summary; {@code null} when nothing worth it
 */
public record ToolCall(String name, String arguments, String output, Instant at, Duration took, String summary) {
}
