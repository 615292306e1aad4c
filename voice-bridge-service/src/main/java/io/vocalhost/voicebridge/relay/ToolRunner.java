package io.vocalhost.voicebridge.relay;

import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the assistant's tools ({@link ToolDeclarations}) for one call. The relay never
 * waits on it: a result arrives on any thread, and the relay bounds the wait itself.
 * Implementations answer every request with a result, also a refusal or a failure, so
 * that the model always has something to say.
 */
@FunctionalInterface
public interface ToolRunner {

	/** Every tool refused: for calls without tools. */
	ToolRunner NONE = (name, arguments) -> CompletableFuture
		.completedFuture(Result.refused("The tool " + name + " is not available on this call."));

	CompletableFuture<Result> run(String name, JsonNode arguments);

	/**
	 * What a tool answers.
	 *
	 * @param output what the model reads ({@code function_call_output}), a JSON object
	 * with {@code ok} and either the result or a {@code reason} it can say
	 * @param then what the bridge does once the assistant's reply to it has been played
	 * @param summary what it did, in a few words, for the call's summary; {@code null}
	 * when nothing worth a summary happened
	 */
	record Result(ObjectNode output, AfterReply then, String summary) {

		public static Result of(ObjectNode output) {
			return new Result(output, AfterReply.CONTINUE, null);
		}

		public static Result refused(String reason) {
			return of(JsonNodeFactory.instance.objectNode().put("ok", false).put("reason", reason));
		}

		public Result summarised(String summary) {
			return new Result(this.output, this.then, summary);
		}

		public Result then(AfterReply then) {
			return new Result(this.output, then, this.summary);
		}

	}

	/** What follows the assistant's reply to a tool's result. */
	enum AfterReply {

		/** The conversation goes on. */
		CONTINUE,

		/** The call is hung up ({@code end_call}). */
		HANG_UP,

		/** The call is handed to the business phone ({@code transfer_to_human}). */
		TRANSFER

	}

}
