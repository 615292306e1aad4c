package io.vocalhost.common.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the answering service in every response, so a request seen at the gateway can be
 * traced to the service that served it.
 */
public class ServiceNameHeaderFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-VocalHost-Service";

	private final String serviceName;

	public ServiceNameHeaderFilter(String serviceName) {
		this.serviceName = serviceName;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HEADER, this.serviceName);
		chain.doFilter(request, response);
	}

}
