package com.factordesk.client;

/**
 * What the exposure engine does with an approval that a limit has no headroom for (DESIGN
 * section 4), chosen per facility: approve it with a warning, hold it until headroom
 * grows, or refuse it. A manager may override a hold or a block, with a reason.
 */
public enum Enforcement {

	WARN, HOLD, BLOCK

}
