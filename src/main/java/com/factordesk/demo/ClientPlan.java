package com.factordesk.demo;

/**
 * What is planned for one client: who it is, its facility, how many invoices it submits
 * and to which debtors.
 */
final class ClientPlan {

	/**
	 * A pair whose debtor pays this client on time, however it pays the others.
	 */
	static final int ON_TIME = -1;

	int index;

	long id;

	String ref;

	String submitter;

	String name;

	String registration;

	String country;

	String industry;

	int onboardedOn;

	double size;

	int invoices;

	int queue;

	int suspicious;

	double faceMu;

	int defaultTerms;

	boolean[] submitsOn;

	long facilityLimit;

	String advanceRate;

	boolean recourse;

	int recourseDays;

	boolean notification;

	String concentrationLimit;

	String feeStructure = "TIERED";

	int feePeriodDays = 30;

	String dayCount = "ACT_360";

	String iban;

	String bic;

	String feeDiscount = "0.000000";

	int[] debtors;

	double[] pairCumulative;

	int[] pairTerms;

	double[] pairFaceMu;

	/**
	 * How a debtor pays this client unlike its others: days late on a fifth of the
	 * invoices (positive), always on time ({@link #ON_TIME}) or as usual (0).
	 */
	int[] pairOffset;

	boolean[] openDispute;

}
