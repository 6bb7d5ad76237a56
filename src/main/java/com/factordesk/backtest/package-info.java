/**
 * The backtest: how well the risk score ranked late payment on the desk's own history.
 */
package com.factordesk.backtest;
