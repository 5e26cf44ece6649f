/**
 * JMH benchmarks of the hot stages. Every figure is reported as a ratio to {@link
 * org.drpkit.benchmarks.MemoryBandwidth} measured in the same run, and to a peer (astropy, numpy, CFITSIO tools)
 * where one exists; see {@code benchmarks/README.md}.
 */
package org.drpkit.benchmarks;
