using ChatBot.Embeddings.Onnx.Runtime;
using ChatBot.Embeddings.Onnx.Tests.Support;

namespace ChatBot.Embeddings.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeCollection.Name)]
public sealed class OnnxRuntimeBindingTests(OnnxRuntimeFixture fixture)
{
    private OnnxRuntimeLibrary Runtime => fixture.Runtime;

    [Fact]
    public void Reports_the_pinned_version_and_the_preferred_api_version()
    {
        Assert.Equal(OnnxRuntimeRelease.Version, Runtime.Version);
        Assert.Equal(OnnxRuntimeLibrary.PreferredApiVersion, Runtime.ApiVersion);
    }

    [Theory]
    [InlineData(OrtErrorCode.InvalidArgument, "bad argument")]
    [InlineData(OrtErrorCode.NoSuchFile, "ünïcode message")]
    public void Status_round_trip_proves_the_status_slots(OrtErrorCode code, string message)
    {
        // CreateStatus (slot 0) → GetErrorCode (1) → GetErrorMessage (2) → ReleaseStatus (93).
        var error = Runtime.RoundTripStatus(code, message);

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.RuntimeMessage);
    }

    [Fact]
    public void Session_reports_the_input_and_output_names_of_a_known_model()
    {
        using var session = Runtime.OpenSession(MiniOnnxModel.Build());

        Assert.Equal(["x", "ids"], session.InputNames);
        Assert.Equal(["squared", "ids_as_float"], session.OutputNames);
    }

    [Fact]
    public void Run_computes_float_and_int64_inputs_with_dynamic_shapes()
    {
        using var session = Runtime.OpenSession(MiniOnnxModel.Build(), new OnnxSessionSettings { IntraOpThreads = 1 });
        var inputs = new[]
        {
            OnnxTensor.FromFloat("x", [1.5f, -2f, 3f, 0.5f, 10f, -1f], 2, 3),
            OnnxTensor.FromInt64("ids", [101, 7592, 102, 0, 42, 30521], 2, 3),
        };

        var outputs = session.Run(inputs, ["ids_as_float", "squared"]);

        Assert.Equal("ids_as_float", outputs[0].Name);
        Assert.Equal([2L, 3L], outputs[0].Shape);
        Assert.Equal([101f, 7592f, 102f, 0f, 42f, 30521f], outputs[0].AsFloats());
        Assert.Equal([2.25f, 4f, 9f, 0.25f, 100f, 1f], outputs[1].AsFloats());
    }

    [Fact]
    public void Errors_carry_ort_code_and_message()
    {
        using var session = Runtime.OpenSession(MiniOnnxModel.Build());
        var inputs = new[] { OnnxTensor.FromFloat("x", [1f], 1, 1), OnnxTensor.FromInt64("ids", [1], 1, 1) };

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run(inputs, ["no_such_output"]));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("no_such_output", error.RuntimeMessage);
    }

    [Fact]
    public void Opening_garbage_fails_with_an_ort_protobuf_error()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => Runtime.OpenSession("not a model"u8));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.RuntimeMessage));
    }

    [Fact]
    public void Opening_a_missing_file_fails_with_ort_no_such_file()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => Runtime.OpenSession(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".onnx")));

        Assert.Equal(OrtErrorCode.NoSuchFile, error.ErrorCode);
    }

    [Fact]
    public void Cancelled_token_is_honoured_before_running()
    {
        using var session = Runtime.OpenSession(MiniOnnxModel.Build());
        var inputs = new[] { OnnxTensor.FromFloat("x", [1f], 1, 1), OnnxTensor.FromInt64("ids", [1], 1, 1) };

        Assert.Throws<OperationCanceledException>(() => session.Run(inputs, ["squared"], new CancellationToken(canceled: true)));
    }

    [Fact]
    public void A_cancellable_run_that_is_not_cancelled_completes()
    {
        // Exercises CreateRunOptions (slot 39) and ReleaseRunOptions (97), used only for cancellable runs.
        using var session = Runtime.OpenSession(MiniLoopModel.Build());
        using var cancellation = new CancellationTokenSource();

        var outputs = session.Run([OnnxTensor.FromInt64("M", [10]), OnnxTensor.FromFloat("x", [4.5f], 1)], ["y"], cancellation.Token);

        Assert.Equal([4.5f], outputs[0].AsFloats());
    }

    [Fact]
    public void Cancelling_during_a_run_terminates_it()
    {
        // RunOptionsSetTerminate (slot 46): without it this loop would run for minutes.
        using var session = Runtime.OpenSession(MiniLoopModel.Build());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.Throws<OperationCanceledException>(() =>
            session.Run([OnnxTensor.FromInt64("M", [2_000_000_000]), OnnxTensor.FromFloat("x", [1f], 1)], ["y"], cancellation.Token));
    }

    [Fact]
    public void One_session_serves_many_threads()
    {
        using var session = Runtime.OpenSession(MiniOnnxModel.Build());

        Parallel.For(0, 64, i =>
        {
            var inputs = new[] { OnnxTensor.FromFloat("x", [i, 2f], 1, 2), OnnxTensor.FromInt64("ids", [i, i + 1], 1, 2) };
            var outputs = session.Run(inputs, ["squared", "ids_as_float"], CancellationToken.None);
            Assert.Equal([(float)i * i, 4f], outputs[0].AsFloats());
            Assert.Equal([(float)i, i + 1f], outputs[1].AsFloats());
        });
    }
}
