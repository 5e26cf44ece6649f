package org.drpkit.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.drpkit.algorithms.qa.Preview;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PNG encoder: javax.imageio's PNG reader must decode every grey level where the preview put it. */
class PreviewPngTest {

    @ParameterizedTest
    @CsvSource({"1,1", "1,300", "300,1", "512,512", "700,300", "257,264"})
    void imageioDecodesTheSamePixels(int w, int h) throws Exception {
        SplittableRandom r = new SplittableRandom(w * 31L + h);
        byte[] gray = new byte[w * h];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) r.nextInt(256);
        }
        byte[] png = PreviewPng.encode(new Preview(w, h, gray, gray.length, 0, 1));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(w, img.getWidth());
        assertEquals(h, img.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        byte[] back = new byte[w * h];
        img.getRaster().getDataElements(0, 0, w, h, back);
        assertArrayEquals(gray, back);
    }
}
