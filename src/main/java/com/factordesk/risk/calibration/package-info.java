/**
 * Calibration: fits the scoring model's blend weights and, where it pays, its monotone
 * curve knots to the desk's own history, and saves the result as a draft scoring version.
 */
@NamedInterface("calibration")
package com.factordesk.risk.calibration;

import org.springframework.modulith.NamedInterface;
