/**
 * The shared kernel: money, rates, the clock, the embedded database and error handling
 * that every feature uses.
 */
package com.factordesk.shared;
