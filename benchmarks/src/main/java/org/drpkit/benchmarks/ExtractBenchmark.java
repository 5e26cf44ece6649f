package org.drpkit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.drpkit.algorithms.extract.ExtractParams;
import org.drpkit.algorithms.extract.Extraction;
import org.drpkit.algorithms.extract.ExtractionResult;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.SpectrographFrame;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.algorithms.trace.TraceFinder;
import org.drpkit.algorithms.trace.TraceParams;
import org.drpkit.algorithms.trace.TraceResult;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.MaskedImage;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.trace.Traces;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Traces and extraction on one APOGEE chip (2560 x 2048, 300 fibres over 2040 columns), from the spectrograph
 * simulator.
 *
 * <ul>
 *   <li>{@code extractOptimal} / {@code extractOptimalSerial}: {@link Extraction#optimal} of a science frame (every
 *       column's banded system of 300 fluxes solved; 63 MB of flux, ivar and flags read, 2 x 21 MB of model and
 *       residual written), on all cores / on one thread; an exposure is three chips;
 *   <li>{@code extractBoxcar}: {@link Extraction#boxcar} of the same frame;
 *   <li>{@code traceQuartz}: {@link TraceFinder#find} of a quartz flat, the profile shape fitted.
 * </ul>
 * Report times with the {@link MemoryBandwidth} probe of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class ExtractBenchmark {

    private static final Chip CHIP = H2rgLayout.apogee("G");

    SpectrographModel model;
    MaskedImage science;
    MaskedImage quartz;
    Traces traces;

    /** Renders and observes a science frame and a quartz flat once. */
    @Setup(Level.Trial)
    public void setup() {
        model = SpectrographModel.apogee(CHIP, 1);
        SpectrographFrame s = SpectrographSimulator.render(model, FibreLight.science(model, 2));
        science = SpectrographSimulator.observe(s.light(), 1.9 * 46, 0.02, 3);
        traces = s.truth();
        quartz = SpectrographSimulator.observe(SpectrographSimulator.render(model, FibreLight.quartz(model, 3000))
                .light(), 19, 0.03, 4);
    }

    /** @return the optimal extraction of one chip on all cores */
    @Benchmark
    public ExtractionResult extractOptimal() throws DrpException {
        return Extraction.optimal(science, traces, ExtractParams.defaults());
    }

    /** @return the optimal extraction of one chip on one thread */
    @Benchmark
    public ExtractionResult extractOptimalSerial() throws DrpException {
        return Extraction.optimal(science, traces, ExtractParams.defaults().withParallel(false));
    }

    /** @return the boxcar extraction of one chip */
    @Benchmark
    public ExtractionResult extractBoxcar() throws DrpException {
        return Extraction.boxcar(science, traces, ExtractParams.defaults());
    }

    /** @return the traces of a quartz flat */
    @Benchmark
    public TraceResult traceQuartz() throws DrpException {
        return TraceFinder.find(quartz, CHIP.lightSensitive(), "G", model.nominal(), TraceParams.defaults());
    }
}
