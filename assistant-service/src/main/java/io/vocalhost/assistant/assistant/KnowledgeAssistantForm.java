package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import io.vocalhost.assistant.assistant.Assistant.Business;
import io.vocalhost.assistant.assistant.Assistant.Receptionist;
import io.vocalhost.assistant.assistant.Assistant.WeeklySchedule;

import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The original assistant registration without a phone number
 * ({@code POST /api/register/assistant}, multipart), as the Create page sends it: the
 * voice defaults to female, the features to voice and booking.
 */
@AcceptedDocuments
record KnowledgeAssistantForm(@BindParam("assistant_name") @Text(required = true) String receptionistName,
		@BindParam("business_name") @Text(required = true) String businessName,
		@BindParam("business_description") @Text String description,
		@BindParam("voice_type") @Voice(optional = true) String voice,
		@BindParam("enabled_features") @Features String enabledFeatures, @BindParam("files") List<MultipartFile> files,
		@BindParam("files[]") List<MultipartFile> bracketFiles,
		@BindParam("user_id") String userId) implements DocumentForm {

	/**
	 * The checked form as an assistant to store: no phone number, weekday office hours
	 * until the owner sets their own.
	 */
	NewAssistant toNewAssistant(ZoneId defaultZone) {
		return new NewAssistant(
				new Receptionist(this.receptionistName.trim(),
						(this.voice != null) ? Voice.Check.of(this.voice) : "female", null,
						(this.enabledFeatures != null) ? Features.Check.parse(this.enabledFeatures).orElseThrow()
								: Features.Check.DEFAULT),
				new Business(this.businessName.trim(), Text.Check.orEmpty(this.description), null),
				new WeeklySchedule(defaultZone.getId(), 30, Schedule.uniform(
						EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0))),
				false);
	}

}
