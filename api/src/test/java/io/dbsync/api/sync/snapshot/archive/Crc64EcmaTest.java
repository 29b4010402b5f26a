package io.dbsync.api.sync.snapshot.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Crc64EcmaTest {

    /** The ECMA column of Go 1.19's golden table, src/hash/crc64/crc64_test.go. */
    static Stream<Arguments> goGoldenEcmaVectors() {
        return Stream.of(
            Arguments.of("", 0x0L),
            Arguments.of("a", 0x330284772e652b05L),
            Arguments.of("ab", 0xbc6573200e84b046L),
            Arguments.of("abc", 0x2cd8094a1a277627L),
            Arguments.of("abcd", 0x3c9d28596e5960baL),
            Arguments.of("abcde", 0x40bdf58fb0895f2L),
            Arguments.of("abcdef", 0xd08e9f8545a700f4L),
            Arguments.of("abcdefg", 0xec20a3a8cc710e66L),
            Arguments.of("abcdefgh", 0x67b4f30a647a0c59L),
            Arguments.of("abcdefghi", 0x9966f6c89d56ef8eL),
            Arguments.of("abcdefghij", 0x32093a2ecd5773f4L),
            Arguments.of("Discard medicine more than two years old.", 0x8a0825223ea6d221L),
            Arguments.of("He who has a shady past knows that nice guys finish last.", 0x8562c0ac2ab9a00dL),
            Arguments.of("I wouldn't marry him with a ten foot pole.", 0x3ee2a39c083f38b4L),
            Arguments.of("Free! Free!/A trip/to Mars/for 900/empty jars/Burma Shave", 0x1f603830353e518aL),
            Arguments.of("The days of the digital watch are numbered.  -Tom Stoppard", 0x2fd681d7b2421fdL),
            Arguments.of("Nepal premier won't resign.", 0x790ef2b16a745a41L),
            Arguments.of("For every action there is an equal and opposite government program.", 0x3ef8f06daccdcddfL),
            Arguments.of("His money is twice tainted: 'taint yours and 'taint mine.", 0x49e41b2660b106dL),
            Arguments.of("There is no reason for any individual to have a computer in their home. -Ken Olsen, 1977", 0x561cc0cfa235ac68L),
            Arguments.of("It's a tiny change to the code and not completely disgusting. - Bob Manchek", 0xd4fe9ef082e69f59L),
            Arguments.of("size:  a.out:  bad magic", 0xe3b5e46cd8d63a4dL),
            Arguments.of("The major problem is with sendmail.  -Mark Horton", 0x865aaf6b94f2a051L),
            Arguments.of("Give me a rock, paper and scissors and I will move the world.  CCFestoon", 0x7eca10d2f8136eb4L),
            Arguments.of("If the enemy is within range, then so are you.", 0xd7dd118c98e98727L),
            Arguments.of("It's well we cannot hear the screams/That we create in others' dreams.", 0x70fb33c119c29318L),
            Arguments.of("You remind me of a TV show, but that's all right: I watch it anyway.", 0x57c891e39a97d9b7L),
            Arguments.of("C is as portable as Stonehedge!!", 0xa1f46ba20ad06eb7L),
            Arguments.of("Even if I could be Shakespeare, I think I should still choose to be Faraday. - A. Huxley", 0x7ad25fafa1710407L),
            Arguments.of("The fugacity of a constituent in a mixture of gases at a given temperature is proportional to its mole fraction.  Lewis-Randall Rule", 0x73cef1666185c13fL),
            Arguments.of("How can you write a big system without C++?  -Paul Glick", 0xb41858f73c389602L),
            Arguments.of("This is a test of the emergency broadcast system.", 0x27db187fc15bbc72L));
    }

    @ParameterizedTest
    @MethodSource("goGoldenEcmaVectors")
    void matchesGosCrc64EcmaOnItsGoldenVectors(String input, long expected) {
        assertThat(Crc64Ecma.of(input.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }

    @Test
    void matchesTheCrc64XzCheckValue() {
        // The catalogue check value of CRC-64/XZ, the same parameters as Go's ECMA table.
        assertThat(Crc64Ecma.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x995DC9BBDF1939FAL);
    }

    @Test
    void givesTheSameValueWhenFedInPieces() {
        byte[] bytes = "It's a tiny change to the code and not completely disgusting. - Bob Manchek"
                .getBytes(StandardCharsets.US_ASCII);
        Crc64Ecma pieces = new Crc64Ecma();
        pieces.update(bytes, 0, 10);
        pieces.update(ByteBuffer.wrap(bytes, 10, 20).slice());
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length - 30).put(bytes, 30, bytes.length - 30).flip();
        pieces.update(direct);

        assertThat(pieces.value()).isEqualTo(Crc64Ecma.of(bytes)).isEqualTo(0xd4fe9ef082e69f59L);
        assertThat(direct.position()).isZero();
    }

    @Test
    void rendersAsSixteenHexDigits() {
        assertThat(Crc64Ecma.hex(0x40bdf58fb0895f2L)).isEqualTo("040bdf58fb0895f2");
        assertThat(Crc64Ecma.hex(0x9966f6c89d56ef8eL)).isEqualTo("9966f6c89d56ef8e");
    }
}
