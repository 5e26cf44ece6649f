package org.drpkit.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.drpkit.core.flag.PixelFlag;
import org.drpkit.algorithms.resample.LogGrid;
import org.drpkit.core.image.Image;
import org.drpkit.core.image.Mask;
import org.drpkit.core.image.Spectra;
import org.drpkit.core.instrument.Region;
import org.drpkit.core.trace.TraceStatus;
import org.drpkit.core.trace.Traces;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The QA figures of the demo, drawn with XChart and saved as PNG: images as heat maps (block-averaged to at most
 * {@link #MAX_CELLS} cells per axis), flag maps by dominant cause, pull histograms against a unit Gaussian, and bar
 * charts of counts.
 *
 * <pre>{@code
 * QaFigures.image(dir.resolve("rate_R.png"), "Rate, chip R (DN/read, log10)", rate, chip.lightSensitive(), true);
 * }</pre>
 */
public final class QaFigures {

    /** Largest number of heat-map cells along an axis. */
    public static final int MAX_CELLS = 160;

    /** Flag-map categories, most severe first, with their colours. */
    private static final String[] CAUSES = {"none", "reference", "saturated", "jump", "hot/negative/noisy dark",
        "low flat response", "bad chi2"};
    private static final Color[] CAUSE_COLOURS = {new Color(235, 235, 235), new Color(120, 120, 120),
        new Color(214, 39, 40), new Color(255, 127, 14), new Color(148, 103, 189), new Color(31, 119, 180),
        new Color(44, 160, 44)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private QaFigures() {
    }

    /** @return the flag-map categories and their colours, for the report's legend */
    public static Map<String, Color> causes() {
        Map<String, Color> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < CAUSES.length; i++) {
            m.put(CAUSES[i], CAUSE_COLOURS[i]);
        }
        return m;
    }

    /**
     * An image as a heat map over {@code region}, block-averaged; with {@code log}, shown as log10 of the value
     * (clipped at 1e-2). The colour range spans the 1st to 99.5th percentile of the cells.
     */
    public static void image(Path file, String title, Image img, Region region, boolean log) throws IOException {
        int block = Math.max(1, (int) Math.ceil(Math.max(region.width(), region.height()) / (double) MAX_CELLS));
        int nx = (region.width() + block - 1) / block;
        int ny = (region.height() + block - 1) / block;
        double[][] cell = new double[nx][ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double sum = 0;
                int n = 0;
                for (int y = region.y0() + j * block; y < Math.min(region.y1(), region.y0() + (j + 1) * block); y++) {
                    for (int x = region.x0() + i * block; x < Math.min(region.x1(), region.x0() + (i + 1) * block); x++) {
                        float v = img.get(x, y);
                        if (Float.isFinite(v)) {
                            sum += v;
                            n++;
                        }
                    }
                }
                double m = n == 0 ? Double.NaN : sum / n;
                cell[i][j] = log ? Math.log10(Math.max(1e-2, m)) : m;
            }
        }
        double[] sorted = Arrays.stream(cell).flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted().toArray();
        double lo = sorted.length == 0 ? 0 : sorted[(int) (0.01 * (sorted.length - 1))];
        double hi = sorted.length == 0 ? 1 : sorted[(int) (0.995 * (sorted.length - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int[][] heat = new int[nx][ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                double v = Double.isFinite(cell[i][j]) ? cell[i][j] : lo;
                heat[i][j] = (int) Math.round(1000 * Math.max(0, Math.min(1, (v - lo) / (hi - lo))));
            }
        }
        HeatMapChart c = heatMap(title + String.format(" [%.3g .. %.3g]", lo, hi), nx, ny, block, region);
        c.getStyler().setRangeColors(new Color[] {new Color(10, 10, 40), new Color(40, 90, 170), new Color(250, 200, 60),
            Color.WHITE});
        c.getStyler().setMin(0);
        c.getStyler().setMax(1000);
        c.addSeries(title, axis(nx, block, region.x0()), axis(ny, block, region.y0()), heat);
        save(c, file);
    }

    /**
     * A flag map: each block of pixels coloured by the most severe cause set on any of its pixels (see
     * {@link #causes()}).
     */
    public static void flags(Path file, String title, Mask mask, Region region) throws IOException {
        int block = Math.max(1, (int) Math.ceil(Math.max(region.width(), region.height()) / (double) MAX_CELLS));
        int nx = (region.width() + block - 1) / block;
        int ny = (region.height() + block - 1) / block;
        int[][] heat = new int[nx][ny];
        for (int y = region.y0(); y < region.y1(); y++) {
            for (int x = region.x0(); x < region.x1(); x++) {
                int i = (x - region.x0()) / block;
                int j = (y - region.y0()) / block;
                int cause = cause(mask.get(x, y));
                if (cause > 0 && (heat[i][j] == 0 || cause < heat[i][j])) {
                    heat[i][j] = cause;
                }
            }
        }
        HeatMapChart c = heatMap(title, nx, ny, block, region);
        c.getStyler().setRangeColors(CAUSE_COLOURS);
        c.getStyler().setMin(0);
        c.getStyler().setMax(CAUSES.length - 1);
        c.addSeries(title, axis(nx, block, region.x0()), axis(ny, block, region.y0()), heat);
        save(c, file);
    }

    /** Pull histograms (normalised to unit area) with the unit Gaussian they should follow. */
    public static void pulls(Path file, String title, List<Pulls> sets) throws IOException {
        XYChart c = new XYChartBuilder().width(640).height(480).title(title).xAxisTitle("pull = (measured - true) / sigma")
                .yAxisTitle("density").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisMin(1e-6);
        double width = 10.0 / Pulls.BINS;
        for (Pulls p : sets) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < Pulls.BINS; i++) {
                if (p.counts()[i] > 0) {
                    xs.add(Pulls.binCentre(i));
                    ys.add(p.counts()[i] / (double) p.n() / width);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(String.format("%s (mean %+.3f, std %.3f)", p.label(), p.mean(), p.std()), xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        List<Double> gx = new ArrayList<>();
        List<Double> gy = new ArrayList<>();
        for (double x = -5; x <= 5.0001; x += 0.05) {
            gx.add(x);
            gy.add(Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI));
        }
        XYSeries g = c.addSeries("unit Gaussian", gx, gy);
        g.setMarker(SeriesMarkers.NONE);
        g.setLineColor(Color.BLACK);
        save(c, file);
    }

    /**
     * Grouped bar chart.
     *
     * @param categories the bars' labels
     * @param series     series name to one value per category
     */
    public static void bars(Path file, String title, String yTitle, List<String> categories,
            Map<String, List<? extends Number>> series, boolean logarithmic) throws IOException {
        CategoryChart c = new CategoryChartBuilder().width(760).height(420).title(title).yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisLabelRotation(30);
        if (logarithmic) {
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setYAxisMin(0.5); // bars start at the axis minimum, which a log axis cannot take as 0
        }
        for (Map.Entry<String, List<? extends Number>> e : series.entrySet()) {
            List<Number> v = new ArrayList<>();
            for (Number n : e.getValue()) {
                v.add(logarithmic ? Math.max(n.doubleValue(), 0.5) : n);
            }
            c.addSeries(e.getKey(), categories, v);
        }
        save(c, file);
    }

    /**
     * The drop-flow figure: one stacked bar per stage, 100 % of what entered the stage (its label gives the counts),
     * split into the share that went on (grey) and the shares dropped for each reason (one colour per reason, the same
     * across stages): shares, because the spectra count hundreds where the exposures count tens.
     *
     * <pre>{@code
     * QaFigures.flow(dir.resolve("dropflow.png"), flow);
     * }</pre>
     */
    public static void flow(Path file, org.drpkit.archive.almanac.DropFlow flow) throws IOException {
        CategoryChart c = new CategoryChartBuilder().width(900).height(480)
                .title("Drop flow, " + flow.instrument() + " night " + flow.night())
                .yAxisTitle("% of what entered the stage").build();
        c.getStyler().setStacked(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setXAxisLabelRotation(30);
        c.getStyler().setYAxisMax(100.0);
        // each stage as shares of what entered it (the spectra count hundreds where exposures count tens), with the
        // counts in its label
        List<String> stages = new ArrayList<>();
        List<Number> kept = new ArrayList<>();
        for (org.drpkit.archive.almanac.DropFlow.Stage s : flow.stages()) {
            stages.add(s.name() + " (" + s.out() + "/" + s.in() + " " + s.unit() + ")");
            kept.add(share(s.out(), s.in()));
        }
        c.addSeries("went on", stages, kept).setFillColor(new Color(150, 150, 150));
        for (String reason : flow.reasons()) {
            List<Number> v = new ArrayList<>();
            for (org.drpkit.archive.almanac.DropFlow.Stage s : flow.stages()) {
                v.add(share(s.dropped().getOrDefault(reason, 0), s.in()));
            }
            c.addSeries(reason.length() > 48 ? reason.substring(0, 47) + "\u2026" : reason, stages, v);
        }
        save(c, file);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static int cause(int m) {
        if ((m & (PixelFlag.REFERENCE_PIXEL.value() | PixelFlag.BAD_REFERENCE_PIXEL.value()
                | PixelFlag.REFERENCE_ARRAY.value())) != 0) {
            return 1;
        }
        if ((m & (PixelFlag.FULL_SATURATION.value() | PixelFlag.PARTIAL_SATURATION.value())) != 0) {
            return 2;
        }
        if ((m & (PixelFlag.ONE_JUMP.value() | PixelFlag.MANY_JUMPS.value())) != 0) {
            return 3;
        }
        if ((m & (PixelFlag.HOT_PIXEL.value() | PixelFlag.NEGATIVE_DARK.value()
                | org.drpkit.core.flag.ExtraFlag.NOISY_PIXEL.value())) != 0) {
            return 4;
        }
        if ((m & PixelFlag.LOW_FLAT_RESPONSE.value()) != 0) {
            return 5;
        }
        if ((m & PixelFlag.BAD_CHI2.value()) != 0) {
            return 6;
        }
        return 0;
    }

    /**
     * The flat with the traces drawn over it: a window of {@code width x height} pixels around the middle of the
     * traces, each pixel a {@code zoom x zoom} square (square-root grey scale), the live traces' centres in red and the dead
     * fibres' interpolated centres in cyan.
     */
    public static void traceOverlay(Path file, Image flat, Traces traces, int width, int height, int zoom)
            throws IOException {
        int xm = (traces.x0() + traces.x1()) / 2;
        int x0 = Math.max(traces.x0(), xm - width / 2);
        int x1 = Math.min(traces.x1(), x0 + width);
        int y0 = (int) Math.max(0, Math.floor(traces.centre(0, xm)) - 6);
        int y1 = Math.min(flat.height(), y0 + height);
        double[] logs = new double[(x1 - x0) * (y1 - y0)];
        int k = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                logs[k++] = Math.sqrt(Math.max(0, flat.get(x, y)));
            }
        }
        double[] sorted = logs.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) (0.01 * (sorted.length - 1))];
        double hi = sorted[(int) (0.999 * (sorted.length - 1))];
        BufferedImage img = new BufferedImage((x1 - x0) * zoom, (y1 - y0) * zoom + 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        k = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int v = (int) Math.round(255 * Math.max(0, Math.min(1, (logs[k++] - lo) / (hi - lo + 1e-9))));
                g.setColor(new Color(v, v, v));
                // y grows upwards as in the FITS image
                g.fillRect((x - x0) * zoom, 24 + (y1 - 1 - y) * zoom, zoom, zoom);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 0; i < traces.count(); i++) {
            g.setColor(traces.status()[i] == TraceStatus.LIVE ? new Color(230, 40, 40) : new Color(40, 220, 230));
            Path2D.Double line = new Path2D.Double();
            boolean started = false;
            for (int x = x0; x < x1; x++) {
                double c = traces.centre(i, x);
                if (!(c >= y0 - 0.5 && c <= y1 - 0.5)) {
                    started = false;
                    continue;
                }
                double px = (x - x0 + 0.5) * zoom;
                double py = 24 + (y1 - 0.5 - c) * zoom;
                if (started) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    started = true;
                }
            }
            g.draw(line);
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format("Traces on the quartz flat, chip %s: columns %d..%d, rows %d..%d "
                + "(red: live, cyan: dead fibre)", traces.chip(), x0, x1 - 1, y0, y1 - 1), 6, 16);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * Named point series on common axes (markers only; non-finite points left out).
     *
     * @param series name -> {x values, y values}
     */
    public static void scatter(Path file, String title, String xTitle, String yTitle, Map<String, double[][]> series)
            throws IOException {
        XYChart c = new XYChartBuilder().width(640).height(300).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(5);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    xs.add(x[i]);
                    ys.add(y[i]);
                }
            }
            if (!xs.isEmpty()) {
                c.addSeries(e.getKey(), xs, ys);
            }
        }
        save(c, file);
    }

    /** One fibre's extracted spectrum against its true flux. */
    public static void spectrum(Path file, String title, Spectra spectra, int row, Image trueFlux, int x0, int x1)
            throws IOException {
        List<Double> xs = new ArrayList<>();
        List<Double> fs = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        for (int x = x0; x < x1; x++) {
            int k = spectra.index(row, x);
            if (spectra.ivar()[k] > 0) {
                xs.add((double) x);
                fs.add((double) spectra.flux()[k]);
                ts.add((double) trueFlux.get(x, row));
            }
        }
        againstTruth(file, title, "column x", "flux, DN/read", "extracted", xs, fs, ts);
    }

    /**
     * One fibre of spectra on a log-uniform grid against the true spectrum on the same grid, over the wavelengths
     * {@code lo..hi} (Angstrom) where both have data.
     */
    public static void gridSpectrum(Path file, String title, LogGrid grid, Spectra spectra, Spectra truth, int row,
            double lo, double hi) throws IOException {
        List<Double> xs = new ArrayList<>();
        List<Double> fs = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        for (int i = 0; i < grid.count(); i++) {
            int k = spectra.index(row, i);
            double lambda = grid.wavelength(i);
            if (lambda >= lo && lambda <= hi && spectra.ivar()[k] > 0 && truth.ivar()[k] > 0) {
                xs.add(lambda);
                fs.add((double) spectra.flux()[k]);
                ts.add((double) truth.flux()[k]);
            }
        }
        againstTruth(file, title, "vacuum wavelength, A", "relative flux, DN/read", "visit", xs, fs, ts);
    }

    private static void againstTruth(Path file, String title, String xTitle, String yTitle, String label,
            List<Double> xs, List<Double> fs, List<Double> ts) throws IOException {
        XYChart c = new XYChartBuilder().width(640).height(300).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        if (!xs.isEmpty()) {
            XYSeries m = c.addSeries(label, xs, fs);
            m.setMarker(SeriesMarkers.NONE);
            XYSeries t = c.addSeries("truth", xs, ts);
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(Color.BLACK);
        }
        save(c, file);
    }

    private static HeatMapChart heatMap(String title, int nx, int ny, int block, Region region) {
        String extent = String.format("x %d..%d, y %d..%d, %dx%d px per cell", region.x0(), region.x1() - 1, region.y0(),
                region.y1() - 1, block, block);
        HeatMapChart c = new HeatMapChartBuilder().width(Math.max(420, 3 * nx + 120)).height(Math.max(380, 3 * ny + 110))
                .title(title).xAxisTitle(extent).yAxisTitle("y").build();
        c.getStyler().setShowValue(false);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisTicksVisible(false);
        c.getStyler().setYAxisTicksVisible(false);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setPlotBorderVisible(false);
        return c;
    }

    private static int[] axis(int n, int block, int start) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = start + i * block;
        }
        return a;
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
