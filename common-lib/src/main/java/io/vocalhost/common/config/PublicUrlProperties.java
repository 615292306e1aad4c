package io.vocalhost.common.config;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where browsers, the OIDC provider's redirects and webhooks reach VocalHost.
 *
 * @param publicUrl the gateway's public URL, without a trailing slash
 * ({@code VOCALHOST_PUBLIC_URL})
 */
@ConfigurationProperties("vocalhost")
public record PublicUrlProperties(@DefaultValue("http://localhost:5001") URI publicUrl) {

	/** The public URL of a path on the gateway, such as {@code /voice/voice}. */
	public URI at(String path) {
		return URI.create(this.publicUrl + path);
	}

	/** Whether browsers reach VocalHost over HTTPS (and cookies may be marked Secure). */
	public boolean secure() {
		return "https".equalsIgnoreCase(this.publicUrl.getScheme());
	}

}
