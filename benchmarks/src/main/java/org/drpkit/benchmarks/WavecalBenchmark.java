package org.drpkit.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.LampLines;
import org.drpkit.algorithms.sim.LsfModel;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.WavelengthModel;
import org.drpkit.algorithms.wave.ArcCalibration;
import org.drpkit.algorithms.wave.FibreWavelengths;
import org.drpkit.core.error.DrpException;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Chip;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.core.lines.ArcLine;
import org.drpkit.core.lines.LineList;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The arc-lamp wavelength solution of one APOGEE chip: {@link FibreWavelengths#solve} of 300 extracted fibres x 2560
 * columns (2048 lit) with 120 lines (about 70 USEWAVE lines per fibre: peaks found and fitted, identified, a quartic fitted), on
 * {@code workers} threads; a night's arcs are three chips per arc exposure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class WavecalBenchmark {

    @Param({"1", "2"})
    int workers;

    Spectra arc;
    List<ArcLine> lines;

    /** Simulates the arc spectra once. */
    @Setup(Level.Trial)
    public void setup() {
        Chip chip = H2rgLayout.apogee("G");
        SpectrographModel m = SpectrographModel.apogee(chip, 3);
        WavelengthModel wave = WavelengthModel.apogee("b", 0);
        LineList list = LampLines.arc(15862, 16432, 120, 0, 8);
        arc = FibreLight.lamp(m, wave, LsfModel.varying(m.fibres(), chip.width(), 2, 1.3, 0, 0.03), list, 200000, 0)
                .observe(1.9, 12, 4);
        lines = LampLines.listed(list, wave, 150, 2, 0, 2);
    }

    /** @return every fibre's solution */
    @Benchmark
    public FibreWavelengths solveChip() throws DrpException {
        return FibreWavelengths.solve(2, arc, 0, lines, ArcCalibration.Params.defaults(), workers);
    }
}
