package com.factordesk.client;

/**
 * How a facility charges its discount fee (DESIGN section 3): per started period on the
 * face, flat on the face, or daily interest on the funds in use.
 */
public enum FeeKind {

	TIERED, FLAT, DAILY

}
