import Foundation
import Testing
@testable import BeaconGenerator

@Suite struct RandomTests {
    /// Vigna's reference splitmix64.c from seed 1234567 (the values every port is checked against).
    @Test func splitMix64MatchesTheReference() {
        var rng = SplitMix64(seed: 1_234_567)
        #expect(rng.next() == 6_457_827_717_110_365_317)
        #expect(rng.next() == 3_203_168_211_198_807_973)
        #expect(rng.next() == 9_817_491_932_198_370_423)
    }

    /// xoshiro256** from the state {1, 2, 3, 4}, as the reference xoshiro256starstar.c computes it.
    @Test func xoshiroMatchesTheReference() {
        var rng = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect(rng.next() == 11520)
        #expect(rng.next() == 0)
        #expect(rng.next() == 1_509_978_240)
        #expect(rng.next() == 1_215_971_899_390_074_240)
    }

    @Test func streamsAreStableAndIndependent() {
        let streams = RandomStreams(seed: 42)
        var a = streams.stream("browsing", 3), b = streams.stream("browsing", 3)
        var c = streams.stream("browsing", 4), d = streams.stream("background", 3)
        let first = a.next()
        #expect(first == b.next())
        #expect(first != c.next() && first != d.next())
        var other = RandomStreams(seed: 43).stream("browsing", 3)
        #expect(first != other.next())
    }

    /// The hand-written ln and exp agree with the platform's to ~1e-15 relative over the ranges used.
    @Test func deterministicMathAgreesWithLibm() {
        var rng = Xoshiro256StarStar(seed: 9)
        for _ in 0..<10_000 {
            let x = rng.uniformPositive() * DeterministicMath.exp(rng.uniform(-30, 30))
            let ln = DeterministicMath.ln(x)
            #expect(abs(ln - Foundation.log(x)) <= 4e-15 * max(1, abs(Foundation.log(x))))
            let y = rng.uniform(-40, 40)
            #expect(abs(DeterministicMath.exp(y) - Foundation.exp(y)) <= 4e-15 * Foundation.exp(y))
        }
        #expect(DeterministicMath.ln(1) == 0)
        #expect(DeterministicMath.exp(0) == 1)
        #expect(DeterministicMath.ln(0) == -.infinity)
    }

    @Test func distributionsHaveTheirMeans() {
        var rng = Xoshiro256StarStar(seed: 1)
        let n = 200_000
        var uniform = 0.0, exponential = 0.0, pareto = 0.0, below = 0
        for _ in 0..<n {
            uniform += rng.uniform()
            exponential += rng.exponential(mean: 5)
            pareto += rng.pareto(minimum: 1, alpha: 3)  // mean α/(α−1) = 1.5
            below += rng.int(below: 10)
        }
        #expect(abs(uniform / Double(n) - 0.5) < 0.005)
        #expect(abs(exponential / Double(n) - 5) < 0.05)
        #expect(abs(pareto / Double(n) - 1.5) < 0.02)
        #expect(abs(Double(below) / Double(n) - 4.5) < 0.03)
    }
}
