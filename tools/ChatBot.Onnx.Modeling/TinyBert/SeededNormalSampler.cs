namespace ChatBot.Onnx.Modeling.TinyBert;

/// <summary>
/// Normal-distributed floats from a SplitMix64 stream. Written out rather than using <see cref="Random"/> so the
/// weights (and therefore the model bytes) cannot change with a runtime's choice of algorithm.
/// </summary>
internal sealed class SeededNormalSampler(ulong seed)
{
    private ulong _state = seed;

    public float[] Sample(int count, float mean, float standardDeviation)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = mean + (standardDeviation * (float)NextStandardNormal());
        }

        return values;
    }

    private double NextStandardNormal()
    {
        // Box-Muller; u1 is kept away from 0 so the log is finite.
        var u1 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var u2 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
