package io.vocalhost.gateway.frontend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.vocalhost.gateway.security.EdgeSecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * With {@code GATEWAY_FRONTEND_DIR} set, the gateway also serves that built frontend. The
 * paths it never serves from the folder are every route's paths, the public paths (docs,
 * health, status) and anything under {@code /api/} or {@code /actuator/}, so an unknown
 * API path stays a JSON 404 rather than the frontend's page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${vocalhost.frontend.dir:}'.isBlank()")
class FrontendConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(FrontendConfiguration.class);

	/** Before Spring Security's filter chain (-100): the files need no session. */
	private static final int BEFORE_SECURITY = -150;

	@Bean
	@Order(BEFORE_SECURITY)
	FrontendFiles frontendFiles(@Value("${vocalhost.frontend.dir}") Path folder, GatewayProperties routes,
			EdgeSecurityProperties edge) {
		if (!Files.isRegularFile(folder.resolve("index.html"))) {
			throw new IllegalStateException("GATEWAY_FRONTEND_DIR=" + folder.toAbsolutePath()
					+ " has no index.html: point it at the frontend's build output (e.g. its dist/ folder)");
		}
		List<String> backendPaths = new ArrayList<>(List.of("/api/**", "/actuator/**"));
		routes.getRoutes()
			.stream()
			.flatMap((route) -> route.getPredicates().stream())
			.filter((predicate) -> predicate.getName().equals("Path"))
			.map(PredicateDefinition::getArgs)
			.forEach((args) -> backendPaths.addAll(args.values()));
		backendPaths.addAll(edge.publicPaths());
		logger.info("Serving the frontend in {} at / (API paths unchanged)", folder.toAbsolutePath());
		return new FrontendFiles(folder, backendPaths);
	}

}
