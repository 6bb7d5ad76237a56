package com.factordesk.risk.calibration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The thread calibrations run on, in the background of the request that starts them.
 */
@Configuration(proxyBeanMethods = false)
class CalibrationExecution {

	/**
	 * One thread: one calibration runs at a time (the database admits one running per
	 * desk). A run cut short by a shutdown is closed as interrupted by the next start.
	 */
	@Bean(ScoringCalibration.EXECUTOR)
	@DependsOn("entityManagerFactory")
	ThreadPoolTaskExecutor calibrationExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setThreadNamePrefix("calibration-");
		executor.setDaemon(true);
		executor.setWaitForTasksToCompleteOnShutdown(false);
		return executor;
	}

}
