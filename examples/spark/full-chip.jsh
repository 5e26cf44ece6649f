// One full APOGEE chip exposure as the demo night writes its raw files: 2560 x 2048 pixels, 47 reads, apz, sky and
// stars through the simulated spectrograph (red chip, the demo's detector and slit for --seed 1), night SJD 60311,
// under the folder of -R-Dout (default /tmp/drpkit-full-chip/raw), laid out as raw/apo/<SJD>/ for SparkNight night.
// Needs about 2 GB of heap (the simulator holds the whole ramp); the file is about 177 MB.
//
//   jshell -J-Xmx4g -R-Xmx4g -R-Dout=/tmp/full-chip/raw --class-path examples/cli/target/drpkit.jar \
//       examples/spark/full-chip.jsh
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.drpkit.algorithms.sim.DetectorModel;
import org.drpkit.algorithms.sim.DetectorSimulator;
import org.drpkit.algorithms.sim.FibreLight;
import org.drpkit.algorithms.sim.SpectrographModel;
import org.drpkit.algorithms.sim.SpectrographSimulator;
import org.drpkit.core.header.Header;
import org.drpkit.core.id.ExposureKey;
import org.drpkit.core.instrument.H2rgLayout;
import org.drpkit.fits.apz.ApzEncoder;
import org.drpkit.instruments.apogee.ApogeeRawName;

var reads = 47;
var readTime = 10.6;
var chip = H2rgLayout.apogee("R");
var optics = SpectrographModel.apogee(chip, 10);
var light = SpectrographSimulator.render(optics, FibreLight.science(optics, 7)).light();
var sim = DetectorSimulator.simulate(chip, DetectorModel.apogeeLike().toBuilder().seed(10).build(),
        org.drpkit.algorithms.sim.Exposure.of(reads, readTime, light, 7));
var name = ApogeeRawName.of(new ExposureKey("apo", 60311, "R", 1));
var fitsDate = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
var start = LocalDateTime.parse("2024-01-01T03:00:00");
// (JShell ends a statement at a line that completes one: continued lines end with a dot)
var primary = Header.builder().add("TELESCOP", "apo25m").add("INSTRUME", "APOGEE").add("FILENAME", name.fileName()).
        add("CHIP", "R").add("EXPNUM", 1L).add("IMAGETYP", "object").add("EXPTYPE", "OBJECT").add("LAMPQRTZ", 0L).
        add("LAMPTHAR", 0L).add("LAMPUNE", 0L).add("NREAD", (long) reads).add("EXPTIME", reads * readTime).
        add("DATE-OBS", fitsDate.format(start)).build();
List<Header> readHeaders = new ArrayList<>();
for (int k = 0; k < reads; k++) {
    readHeaders.add(Header.builder().add("DATE-OBS", fitsDate.format(start.plusNanos(Math.round(k * readTime * 1e9)))).
            add("INTOFF", readTime * 1000).add("EXPTIME", (k + 1) * readTime).add("READNUM", (long) (k + 1)).build());
}
var file = name.path(Path.of(System.getProperty("out", "/tmp/drpkit-full-chip/raw")));
ApzEncoder.write(file, primary, readHeaders, sim.ramp(), false);
System.out.println("wrote " + file + ", " + java.nio.file.Files.size(file) + " bytes");
/exit
