package io.vocalhost.rag.index;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sample dental practice's knowledge, one passage per topic as chunks of its price list
 * and FAQ would be, and callers' questions each labelled with the passage that answers
 * it: half use the passage's own words or names, half paraphrase it.
 */
final class SampleBusiness {

	static final Map<String, String> PASSAGES = new LinkedHashMap<>();

	static final Map<String, String> QUESTIONS = new LinkedHashMap<>();

	static {
		PASSAGES.put("cleaning", "Cleaning and polish with the hygienist: $95, about 45 minutes.");
		PASSAGES.put("whitening", "Teeth whitening in the chair: $250; take-home whitening trays: $180.");
		PASSAGES.put("filling", "Composite (tooth-coloured) filling: from $140 per tooth.");
		PASSAGES.put("insurance",
				"We accept Delta Dental, Aetna, Cigna and MetLife insurance and file the claim for you.");
		PASSAGES.put("hours",
				"Opening hours: Monday to Friday 8:00 to 18:00, Saturday 9:00 to 13:00, closed on Sunday.");
		PASSAGES.put("parking", "There is free parking behind the building; the entrance is from Oak Street.");
		PASSAGES.put("children", "We see children from the age of three; the first visit for a child is free.");
		PASSAGES.put("emergency", "For a dental emergency such as severe pain or a knocked-out tooth, call us and "
				+ "we will see you the same day.");
		PASSAGES.put("cancel", "Please cancel or reschedule at least 24 hours ahead; late cancellations cost $40.");
		PASSAGES.put("payment", "We take cash, all major credit cards and Apple Pay; payment plans over 12 months "
				+ "are available for treatments above $1,000.");
		PASSAGES.put("implant",
				"A single dental implant with its crown costs $3,200, in two visits three months apart.");
		PASSAGES.put("braces", "Invisalign clear aligners start at $4,500; metal braces at $3,800.");
		PASSAGES.put("sedation", "Nervous patients can ask for nitrous oxide (laughing gas) sedation for $75.");
		PASSAGES.put("xray", "A full set of X-rays costs $120 and is included free with a new-patient exam.");
		PASSAGES.put("location", "We are at 12 Main Street, Springfield, next to the post office, two minutes "
				+ "from the bus station.");
		PASSAGES.put("languages", "Our team speaks English, Spanish and Portuguese.");

		QUESTIONS.put("how much is a cleaning?", "cleaning");
		QUESTIONS.put("do you take Delta Dental?", "insurance");
		QUESTIONS.put("are you open on Saturday?", "hours");
		QUESTIONS.put("what does Invisalign cost?", "braces");
		QUESTIONS.put("do you offer laughing gas?", "sedation");
		QUESTIONS.put("is MetLife accepted?", "insurance");
		QUESTIONS.put("can I pay with Apple Pay?", "payment");
		QUESTIONS.put("how much are X-rays?", "xray");
		QUESTIONS.put("is there somewhere to leave my car?", "parking");
		QUESTIONS.put("my son is four, can you look at his teeth?", "children");
		QUESTIONS.put("I broke a tooth and it hurts a lot, can someone see me today?", "emergency");
		QUESTIONS.put("what happens if I can't make my appointment tomorrow?", "cancel");
		QUESTIONS.put("how much to make my teeth brighter?", "whitening");
		QUESTIONS.put("I'm scared of the dentist, can you help me relax?", "sedation");
		QUESTIONS.put("where exactly are you?", "location");
		QUESTIONS.put("does anyone there speak Spanish?", "languages");
		QUESTIONS.put("can I spread the cost of treatment over several months?", "payment");
		QUESTIONS.put("what is the price of replacing a missing tooth?", "implant");
	}

	private SampleBusiness() {
	}

}
