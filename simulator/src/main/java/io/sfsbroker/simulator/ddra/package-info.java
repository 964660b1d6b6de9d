/**
 * Reproduces the evaluation of the DDRA auction (Liu et al., §IV): 3 Planets with the capacities of
 * Table II, 200 user groups on a 1000×1000 grid, three periods of ten one-second slots, and the
 * paper's Figures 3–6 as CSV files and PNG plots. {@link
 * io.sfsbroker.simulator.ddra.DdraSimulation} is the entry point.
 */
package io.sfsbroker.simulator.ddra;
