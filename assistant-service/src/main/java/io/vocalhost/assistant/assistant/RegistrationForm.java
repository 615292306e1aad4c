package io.vocalhost.assistant.assistant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.vocalhost.assistant.assistant.Assistant.Business;
import io.vocalhost.assistant.assistant.Assistant.Receptionist;
import io.vocalhost.assistant.assistant.Assistant.WeeklySchedule;
import io.vocalhost.common.text.WireFormats;
import io.vocalhost.common.validation.ClockTime;
import io.vocalhost.common.validation.E164Phone;
import io.vocalhost.common.validation.TimeZoneId;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The original receptionist registration ({@code POST /api/register}, multipart), in the
 * order the error details list its fields.
 */
@AcceptedDocuments
@RegistrationForm.OpensBeforeCloses
record RegistrationForm(@BindParam("business_name") @Text(required = true) String businessName,
		@BindParam("receptionist_name") @Text(required = true) String receptionistName,
		@BindParam("start_time") @ClockTime String startTime, @BindParam("end_time") @ClockTime String endTime,
		@BindParam("booking_duration_minutes") @SlotLength String slotMinutes,
		@BindParam("phone_number") @E164Phone String businessPhone,
		@BindParam("available_days") @WeekdayFlags String availableDays, @BindParam("voice_type") @Voice String voice,
		@TimeZoneId(optional = true) String timezone, @Text String greeting, @Text String description,
		@BindParam("files") List<MultipartFile> files, @BindParam("files[]") List<MultipartFile> bracketFiles,
		@BindParam("user_id") String userId) implements DocumentForm {

	/** The checked form as an assistant to store, with a phone number. */
	NewAssistant toNewAssistant(ZoneId defaultZone) {
		String zone = Optional.ofNullable(this.timezone)
			.flatMap(WireFormats::zone)
			.map(ZoneId::getId)
			.orElse(defaultZone.getId());
		return new NewAssistant(
				new Receptionist(this.receptionistName.trim(), Voice.Check.of(this.voice),
						Text.Check.cleaned(this.greeting), Features.Check.DEFAULT),
				new Business(this.businessName.trim(), Text.Check.orEmpty(this.description), this.businessPhone.trim()),
				new WeeklySchedule(zone, SlotLength.Check.minutes(this.slotMinutes), Schedule
					.uniform(Weekdays.parse(this.availableDays).days(), start().orElseThrow(), end().orElseThrow())),
				true);
	}

	private Optional<LocalTime> start() {
		return WireFormats.time(this.startTime);
	}

	private Optional<LocalTime> end() {
		return WireFormats.time(this.endTime);
	}

	/** Closing after opening, once both are times (reported under end_time). */
	@Documented
	@Constraint(validatedBy = OpensBeforeCloses.Check.class)
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@interface OpensBeforeCloses {

		String message() default "must be after start_time";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Check implements ConstraintValidator<OpensBeforeCloses, RegistrationForm> {

			@Override
			public boolean isValid(RegistrationForm form, ConstraintValidatorContext context) {
				Optional<LocalTime> start = form.start();
				Optional<LocalTime> end = form.end();
				if (start.isEmpty() || end.isEmpty() || Weekdays.parse(form.availableDays()).problem() != null
						|| end.get().isAfter(start.get())) {
					return true;
				}
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
					.addPropertyNode("endTime")
					.addConstraintViolation();
				return false;
			}

		}

	}

}
