package com.factordesk.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Marks the requests whose handler is {@link LongRunning}, before it runs, for the longer
 * limit of {@link RequestTransactionManager}.
 */
@Component
class LongRunningRequests implements HandlerInterceptor, WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(LongRunning.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), LongRunning.class))) {
			request.setAttribute(RequestTransactionManager.LONG_RUNNING, Boolean.TRUE);
		}
		return true;
	}

}
