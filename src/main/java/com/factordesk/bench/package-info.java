/**
 * The benchmark entry point: generates a large portfolio once, then times the full
 * re-score, the backtest and the portfolio overview on it and prints the figures.
 */
package com.factordesk.bench;
