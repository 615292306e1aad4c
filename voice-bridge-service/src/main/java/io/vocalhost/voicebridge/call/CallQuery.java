package io.vocalhost.voicebridge.call;

import io.vocalhost.common.validation.CalendarDate;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.BindParam;

/**
 * The query of {@code GET /api/calls}; every part is optional. Numbers are taken as text
 * and checked by pattern, so that every bad parameter is named at once.
 *
 * @param startDate first day, in the assistant's time zone
 * @param endDate last day (inclusive), in the assistant's time zone
 * @param page from 0
 * @param size calls per page, 1 to 100 (default 20)
 */
record CallQuery(
		@BindParam("assistant_id") @Parameter(name = "assistant_id") @Pattern(regexp = "[1-9]\\d{0,17}",
				message = "must be a positive whole number") String assistantId,
		@BindParam("start_date") @Parameter(name = "start_date") @CalendarDate(optional = true) String startDate,
		@BindParam("end_date") @Parameter(name = "end_date") @CalendarDate(optional = true) String endDate,
		@Pattern(regexp = "\\d{1,6}", message = "must be a whole number from 0") String page,
		@Pattern(regexp = "[1-9]\\d?|100", message = "must be a whole number from 1 to 100") String size) {

	private static final int DEFAULT_SIZE = 20;

	Long assistant() {
		return (this.assistantId != null) ? Long.valueOf(this.assistantId) : null;
	}

	int pageOrFirst() {
		return (this.page != null) ? Integer.parseInt(this.page) : 0;
	}

	int sizeOrDefault() {
		return (this.size != null) ? Integer.parseInt(this.size) : DEFAULT_SIZE;
	}

}
