using System.Text.Json.Serialization;

namespace ChatBot.Core.Answers.Calibration;

/// <summary>A logistic regression over standardized features: P = σ(bias + Σ weight × (x − mean) / scale).</summary>
public sealed record LogisticModel(
    [property: JsonPropertyName("bias")] double Bias,
    [property: JsonPropertyName("weights")] IReadOnlyList<double> Weights)
{
    public double Probability(IReadOnlyList<double> standardized)
    {
        var z = Bias;
        for (var i = 0; i < Weights.Count; i++)
        {
            z += Weights[i] * standardized[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// Fits by Newton's method with an L2 penalty <paramref name="ridge"/> on the weights (not the bias): a fixed
    /// number of steps, no randomness, so the same rows give the same coefficients bit for bit.
    /// </summary>
    public static LogisticModel Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, double ridge, int steps = 50)
    {
        var features = rows.Count == 0 ? 0 : rows[0].Length;
        var size = features + 1;
        var beta = new double[size];
        for (var step = 0; step < steps; step++)
        {
            var gradient = new double[size];
            var hessian = new double[size, size];
            for (var n = 0; n < rows.Count; n++)
            {
                var x = Augmented(rows[n]);
                var z = 0.0;
                for (var i = 0; i < size; i++)
                {
                    z += beta[i] * x[i];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var error = (labels[n] ? 1 : 0) - p;
                var curvature = Math.Max(p * (1 - p), 1e-9);
                for (var i = 0; i < size; i++)
                {
                    gradient[i] += error * x[i];
                    for (var j = 0; j < size; j++)
                    {
                        hessian[i, j] += curvature * x[i] * x[j];
                    }
                }
            }

            for (var i = 1; i < size; i++)
            {
                gradient[i] -= ridge * beta[i];
                hessian[i, i] += ridge;
            }

            var delta = Solve(hessian, gradient);
            for (var i = 0; i < size; i++)
            {
                beta[i] += delta[i];
            }
        }

        return new LogisticModel(beta[0], beta[1..]);
    }

    private static double[] Augmented(double[] row)
    {
        var x = new double[row.Length + 1];
        x[0] = 1;
        row.CopyTo(x, 1);
        return x;
    }

    /// <summary>Gaussian elimination with partial pivoting (the system is small and positive definite).</summary>
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (pivot != column)
            {
                for (var k = 0; k < n; k++)
                {
                    (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
                }

                (b[column], b[pivot]) = (b[pivot], b[column]);
            }

            for (var row = column + 1; row < n; row++)
            {
                var factor = a[row, column] / a[column, column];
                for (var k = column; k < n; k++)
                {
                    a[row, k] -= factor * a[column, k];
                }

                b[row] -= factor * b[column];
            }
        }

        var solution = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= a[row, k] * solution[k];
            }

            solution[row] = sum / a[row, row];
        }

        return solution;
    }
}
