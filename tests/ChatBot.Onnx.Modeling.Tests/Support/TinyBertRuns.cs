using ChatBot.Onnx.Modeling.TinyBert;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Onnx.Modeling.Tests.Support;

/// <summary>Runs a tiny BERT (or a rewrite of it) on rows of token ids.</summary>
internal static class TinyBertRuns
{
    /// <summary>Pads the rows to the longest with id 0 and mask 0; token types are all 0.</summary>
    public static TestOutput Run(InferenceSession session, long[][] rows)
    {
        var length = rows.Max(row => row.Length);
        var ids = new long[rows.Length * length];
        var mask = new long[rows.Length * length];
        for (var row = 0; row < rows.Length; row++)
        {
            rows[row].CopyTo(ids, row * length);
            Array.Fill(mask, 1L, row * length, rows[row].Length);
        }

        return session.Run(
            [
                TestInput.Int64(TinyBertModelBuilder.InputIds, ids, rows.Length, length),
                TestInput.Int64(TinyBertModelBuilder.AttentionMask, mask, rows.Length, length),
                TestInput.Int64(TinyBertModelBuilder.TokenTypeIds, new long[rows.Length * length], rows.Length, length),
            ],
            TinyBertModelBuilder.LastHiddenState);
    }
}
