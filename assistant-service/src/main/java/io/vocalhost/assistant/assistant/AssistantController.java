package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vocalhost.assistant.assistant.Assistant.Business;
import io.vocalhost.assistant.assistant.Assistant.Receptionist;
import io.vocalhost.assistant.assistant.Assistant.WeeklySchedule;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.security.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The assistant endpoints of the original API (paths, form fields and JSON names
 * unchanged) and the new ones. The owner is always the signed-in user of the token; a
 * {@code user_id} sent by the client must be that user.
 */
@RestController
class AssistantController {

	private static final Set<String> DOCUMENT_TYPES = Set.of("pdf", "txt", "md", "docx", "html", "csv");

	private final Assistants assistants;

	private final DocumentIndexing documents;

	private final AssistantProperties properties;

	AssistantController(Assistants assistants, DocumentIndexing documents, AssistantProperties properties) {
		this.assistants = assistants;
		this.documents = documents;
		this.properties = properties;
	}

	@GetMapping("/api/assistants")
	AssistantList list(@AuthenticationPrincipal Jwt token,
			@RequestParam(name = "user_id", required = false) Long userId) {
		long owner = owner(token, userId);
		return new AssistantList(this.assistants.ofOwner(owner).stream().map(AssistantView::of).toList());
	}

	@PostMapping(path = "/api/register", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Registered register(@AuthenticationPrincipal Jwt token, @RequestParam Map<String, String> form,
			@RequestParam(name = "files[]", required = false) List<MultipartFile> files,
			@RequestParam(name = "files", required = false) List<MultipartFile> plainFiles) {
		long owner = owner(token, userIdOf(form));
		FieldErrors errors = new FieldErrors();
		String businessName = errors.text("business_name", form.get("business_name"), true);
		String name = errors.text("receptionist_name", form.get("receptionist_name"), true);
		LocalTime start = errors.time("start_time", form.get("start_time"));
		LocalTime end = errors.time("end_time", form.get("end_time"));
		Integer slotMinutes = errors.duration("booking_duration_minutes",
				integer(form.get("booking_duration_minutes")));
		String phone = errors.phone("phone_number", form.get("phone_number"));
		Set<DayOfWeek> days = errors.days("available_days", form.get("available_days"));
		String voice = errors.voice("voice_type", form.get("voice_type"));
		String zone = (form.get("timezone") != null) ? errors.zone("timezone", form.get("timezone"))
				: this.properties.defaultTimeZone().getId();
		String greeting = errors.text("greeting", form.get("greeting"), false);
		String description = errors.text("description", form.get("description"), false);
		List<MultipartFile> documents = documents(files, plainFiles, errors);
		List<OpeningHours> hours = (start != null && end != null && days != null)
				? Schedule.uniform(days, start, end, errors) : List.<OpeningHours>of();
		errors.throwIfAny();

		Assistant created = this.assistants.register(owner,
				new NewAssistant(new Receptionist(name, voice, greeting),
						new Business(businessName, (description != null) ? description : "", phone),
						new WeeklySchedule(zone, slotMinutes, hours), true));
		return created("Assistant created. Forward calls to " + created.telephony().number() + ".", created, documents);
	}

	@PostMapping(path = "/api/register/assistant", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Registered registerKnowledgeAssistant(@AuthenticationPrincipal Jwt token, @RequestParam Map<String, String> form,
			@RequestParam(name = "files[]", required = false) List<MultipartFile> files,
			@RequestParam(name = "files", required = false) List<MultipartFile> plainFiles) {
		long owner = owner(token, userIdOf(form));
		FieldErrors errors = new FieldErrors();
		String name = errors.text("assistant_name", form.get("assistant_name"), true);
		String businessName = errors.text("business_name", form.get("business_name"), true);
		String description = errors.text("business_description", form.get("business_description"), false);
		List<MultipartFile> documents = documents(files, plainFiles, errors);
		errors.throwIfAny();

		// No phone number; weekday office hours until the owner sets their own.
		List<OpeningHours> hours = Schedule.uniform(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
				LocalTime.of(9, 0), LocalTime.of(17, 0), errors);
		Assistant created = this.assistants.register(owner,
				new NewAssistant(new Receptionist(name, "female", null),
						new Business(businessName, (description != null) ? description : "", null),
						new WeeklySchedule(this.properties.defaultTimeZone().getId(), 30, hours), false));
		return created("Assistant created.", created, documents);
	}

	@GetMapping("/api/assistant/{id}")
	AssistantView get(@AuthenticationPrincipal Jwt token, @PathVariable long id) {
		return AssistantView.of(this.assistants.get(CurrentUser.id(token), id));
	}

	@PatchMapping(path = "/api/assistant/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	AssistantView update(@AuthenticationPrincipal Jwt token, @PathVariable long id,
			@RequestBody AssistantChange change) {
		return AssistantView.of(this.assistants.update(CurrentUser.id(token), id, change));
	}

	@DeleteMapping("/api/assistant/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal Jwt token, @PathVariable long id) {
		this.assistants.delete(CurrentUser.id(token), id);
	}

	/** The 201 answer of a registration, after handing its documents on for indexing. */
	private Registered created(String message, Assistant created, List<MultipartFile> documents) {
		DocumentIndexing.Result indexing = this.documents.index(created.id(), documents);
		return new Registered(message, created.id(), created.telephony().number(), indexing.indexedChunks(),
				indexing.warnings());
	}

	/** The signed-in user; a user_id the client sends must be theirs. */
	private static long owner(Jwt token, Long userId) {
		long user = CurrentUser.id(token);
		if (userId != null && userId != user) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "user_id must be your own user id");
		}
		return user;
	}

	private static Long userIdOf(Map<String, String> form) {
		String value = form.get("user_id");
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "user_id: must be a number");
		}
	}

	private static Integer integer(String value) {
		try {
			return (value != null) ? Integer.valueOf(value.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private List<MultipartFile> documents(List<MultipartFile> files, List<MultipartFile> plainFiles,
			FieldErrors errors) {
		List<MultipartFile> documents = new ArrayList<>();
		if (files != null) {
			documents.addAll(files);
		}
		if (plainFiles != null) {
			documents.addAll(plainFiles);
		}
		documents.removeIf(MultipartFile::isEmpty);
		if (documents.size() > this.properties.maxFiles()) {
			errors.add("files", "at most " + this.properties.maxFiles() + " files");
		}
		for (MultipartFile file : documents) {
			String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "";
			String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
					: "";
			if (!DOCUMENT_TYPES.contains(extension)) {
				errors.add("files", "'" + name + "' is not one of " + String.join(", ", DOCUMENT_TYPES));
			}
		}
		return documents;
	}

}
