package io.vocalhost.assistant.assistant;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A multipart/form-data body, as the frontend's forms send it. */
final class Multipart {

	private final String boundary = "vocalhost-" + UUID.randomUUID();

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	static Multipart of(Map<String, String> fields) {
		Multipart multipart = new Multipart();
		fields.forEach(multipart::field);
		return multipart;
	}

	static Map<String, String> originalRegistration() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("business_name", "Bella Salon");
		form.put("receptionist_name", "Ava");
		form.put("start_time", "09:00");
		form.put("end_time", "17:00");
		form.put("booking_duration_minutes", "30");
		form.put("phone_number", "+4930123456");
		form.put("available_days", "{\"monday\":true,\"tuesday\":true,\"wednesday\":false,\"saturday\":true}");
		form.put("voice_type", "female");
		return form;
	}

	Multipart field(String name, String value) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
				+ "\r\n");
		return this;
	}

	Multipart file(String field, String filename, String content) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
				+ filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n");
		return this;
	}

	String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	byte[] bytes() {
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		copy.writeBytes(this.body.toByteArray());
		copy.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return copy.toByteArray();
	}

	private void write(String text) {
		this.body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
