package io.vocalhost.assistant.assistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vocalhost.common.error.ErrorBody;
import io.vocalhost.common.http.HttpClients;
import io.vocalhost.common.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.multipart.MultipartFile;

/**
 * Hands registration documents to rag-service ({@code POST /internal/index_files}, with
 * the service token of the {@code assistant-service} client), one file per call so that a
 * file that cannot be indexed does not keep the others out. The registration reports the
 * chunks rag-service really stored, and names each file that was not indexed and why; the
 * assistant exists either way.
 */
@Component
class DocumentIndexing {

	private static final Logger logger = LoggerFactory.getLogger(DocumentIndexing.class);

	private final RestClient rag;

	DocumentIndexing(DocumentIndexingProperties properties, Clock clock) {
		if (properties.configured()) {
			ServiceTokens tokens = new ServiceTokens(properties.tokenUri(), "assistant-service",
					properties.clientSecret(), "documents:index", clock);
			this.rag = HttpClients.restClient(Duration.ofSeconds(2), properties.timeout())
				.mutate()
				.baseUrl(properties.ragUrl().toString())
				.requestInterceptor(tokens.interceptor())
				.build();
		}
		else {
			logger.warn("ASSISTANT_CLIENT_SECRET is not set: documents sent with a registration are not indexed");
			this.rag = null;
		}
	}

	Result index(long ownerId, long assistantId, List<MultipartFile> files) {
		if (files.isEmpty()) {
			return new Result(0, List.of());
		}
		if (this.rag == null) {
			return new Result(0, List.of("Document indexing is not configured (ASSISTANT_CLIENT_SECRET is not set): "
					+ files.size() + " file(s) were received and not indexed"));
		}
		int chunks = 0;
		List<String> warnings = new ArrayList<>();
		for (MultipartFile file : files) {
			try {
				chunks += indexOne(ownerId, assistantId, file);
			}
			catch (HttpClientErrorException ex) {
				ErrorBody refusal = ex.getResponseBodyAs(ErrorBody.class);
				warnings.add(notIndexed(file, (refusal != null && refusal.details() != null) ? refusal.details()
						: ex.getStatusCode().toString()));
			}
			catch (RuntimeException ex) {
				logger.warn("Indexing '{}' of assistant {} failed", file.getOriginalFilename(), assistantId, ex);
				warnings.add(notIndexed(file, "the document service is unavailable; upload it again later"));
			}
		}
		return new Result(chunks, warnings);
	}

	private int indexOne(long ownerId, long assistantId, MultipartFile file) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("assistant_id", Long.toString(assistantId));
		form.add("owner_id", Long.toString(ownerId));
		form.add("files[]", new NamedBytes(bytes(file), file.getOriginalFilename()));
		Indexed indexed = this.rag.post()
			.uri("/internal/index_files")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(form)
			.retrieve()
			.body(Indexed.class);
		if (indexed == null) {
			throw new RestClientException("rag-service answered no body");
		}
		return indexed.indexed();
	}

	private static String notIndexed(MultipartFile file, String reason) {
		return "'" + file.getOriginalFilename() + "' was not indexed: " + reason;
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Result(int indexedChunks, List<String> warnings) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Indexed(int indexed) {
	}

	/** A multipart file part: a resource with a file name. */
	private static final class NamedBytes extends ByteArrayResource {

		private final String filename;

		NamedBytes(byte[] bytes, String filename) {
			super(bytes);
			this.filename = filename;
		}

		@Override
		public String getFilename() {
			return this.filename;
		}

	}

}
