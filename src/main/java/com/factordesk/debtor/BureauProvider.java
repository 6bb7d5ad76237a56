package com.factordesk.debtor;

/**
 * Credit bureaus whose scores we record, each normalised to 0-100 (higher is safer).
 */
public enum BureauProvider {

	PAYDEX, INTELLISCORE, CREDITSAFE, GRAYDON

}
