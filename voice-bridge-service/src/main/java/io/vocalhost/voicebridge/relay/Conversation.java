package io.vocalhost.voicebridge.relay;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The turns of one call in conversation order, built from the Realtime API's events.
 * <p>
 * Order: the Realtime API states each item's predecessor ({@code previous_item_id} of
 * {@code input_audio_buffer.committed}, {@code conversation.item.added} and
 * {@code conversation.item.done}); an item is placed right after it, so a caller's
 * transcription that arrives after the reply has started still comes before the reply. A
 * {@code null} predecessor puts the item first in the current session (see
 * {@link #newSession()}); an unknown one, or an item first seen through its transcript,
 * puts it last until an event states its predecessor.
 * <p>
 * Text: a caller turn is its input transcription; an assistant turn its output audio
 * transcript ({@code .done}, else the deltas so far). An interrupted assistant turn keeps
 * only what the caller heard: of a transcript of {@code n} characters for audio of length
 * {@code generated}, of which {@code played} was played, the first
 * {@code n × played / generated} characters, cut back to the last whole word; nothing
 * when nothing was played. Turns without text are left out.
 * <p>
 * Thread-safe.
 */
public final class Conversation {

	/** Who spoke a turn; {@link #wireName()} is how it is stored and shown. */
	public enum Role {

		CALLER, ASSISTANT;

		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One turn as it is stored and restored.
	 *
	 * @param at when the turn began (its item first appeared)
	 */
	public record Turn(Role role, String text, Instant at) {
	}

	private static final class Item {

		private final Instant at;

		private Role role;

		private final StringBuilder transcript = new StringBuilder();

		/** The whole transcript is in: no more deltas. */
		private boolean transcribed;

		private boolean placed;

		private long generated;

		private long played = -1;

		private Item(Instant at) {
			this.at = at;
		}

		private boolean complete() {
			return this.transcribed || this.played >= 0;
		}

		private String text() {
			String full = this.transcript.toString().strip();
			if (this.played < 0 || this.played >= this.generated) {
				return full;
			}
			int cut = (int) (full.length() * this.played / this.generated);
			if (cut < full.length() && !Character.isWhitespace(full.charAt(cut))) {
				cut = Math.max(full.lastIndexOf(' ', cut), 0);
			}
			return full.substring(0, cut).strip();
		}

	}

	private final Clock clock;

	private final List<Item> order = new ArrayList<>();

	private final Map<String, Item> items = new HashMap<>();

	private int sessionStart;

	public Conversation(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The Realtime API stated where an item sits ({@code role} {@code null} for items
	 * that are not caller or assistant messages: they only hold a place).
	 */
	public synchronized void placed(String itemId, String previousItemId, Role role) {
		Item item = item(itemId);
		if (role != null && item.role == null) {
			item.role = role;
		}
		if (item.placed) {
			return;
		}
		item.placed = true;
		this.order.remove(item);
		int at;
		if (previousItemId == null) {
			at = this.sessionStart;
		}
		else {
			Item previous = this.items.get(previousItemId);
			at = (previous != null) ? this.order.indexOf(previous) + 1 : this.order.size();
		}
		this.order.add(Math.min(at, this.order.size()), item);
	}

	/**
	 * The whole transcript of an item: the caller's
	 * ({@code input_audio_transcription.completed}) or the assistant's
	 * ({@code output_audio_transcript.done}).
	 */
	public synchronized void transcribed(String itemId, Role role, String transcript) {
		Item item = roled(itemId, role);
		item.transcript.setLength(0);
		item.transcript.append(transcript);
		item.transcribed = true;
	}

	/** More of the assistant's transcript ({@code output_audio_transcript.delta}). */
	public synchronized void assistantSaid(String itemId, String delta) {
		Item item = roled(itemId, Role.ASSISTANT);
		if (!item.transcribed) {
			item.transcript.append(delta);
		}
	}

	/**
	 * Audio generated for an assistant item, in any unit as long as {@link #interrupted}
	 * uses the same one (the relay counts μ-law bytes).
	 */
	public synchronized void audioGenerated(String itemId, long amount) {
		roled(itemId, Role.ASSISTANT).generated += amount;
	}

	/**
	 * The caller barged in: of the item's audio only {@code played} was heard, and the
	 * turn is over.
	 */
	public synchronized void interrupted(String itemId, long played) {
		Item item = roled(itemId, Role.ASSISTANT);
		item.played = played;
	}

	/**
	 * A new Realtime session continues this conversation (after a reconnect): its first
	 * item, which names no predecessor, comes after everything so far.
	 */
	public synchronized void newSession() {
		this.sessionStart = this.order.size();
	}

	/**
	 * The finished turns in conversation order: transcribed caller turns, and assistant
	 * turns whose transcript is done or that were interrupted (as far as played).
	 */
	public synchronized List<Turn> completedTurns() {
		return turns(true);
	}

	/**
	 * Every turn with text so far, in conversation order, including an assistant turn
	 * still being spoken: what is stored when the call ends.
	 */
	public synchronized List<Turn> turns() {
		return turns(false);
	}

	private List<Turn> turns(boolean completedOnly) {
		List<Turn> turns = new ArrayList<>();
		for (Item item : this.order) {
			if (item.role == null || (completedOnly && !item.complete())) {
				continue;
			}
			String text = item.text();
			if (!text.isEmpty()) {
				turns.add(new Turn(item.role, text, item.at));
			}
		}
		return turns;
	}

	private Item roled(String itemId, Role role) {
		Item item = item(itemId);
		if (item.role == null) {
			item.role = role;
		}
		return item;
	}

	private Item item(String itemId) {
		return this.items.computeIfAbsent(itemId, (id) -> {
			Item item = new Item(this.clock.instant());
			this.order.add(item);
			return item;
		});
	}

}
