/** Simulators that reproduce the evaluations of the source papers from the market algorithms. */
package io.sfsbroker.simulator;
