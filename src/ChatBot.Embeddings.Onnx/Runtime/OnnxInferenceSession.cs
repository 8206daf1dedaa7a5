using System.Runtime.InteropServices;

namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// One loaded model. <see cref="Run"/> is safe to call from several threads at once (ORT's Run is
/// thread-safe), so a single session is shared by all callers.
/// </summary>
public sealed unsafe class OnnxInferenceSession : IDisposable
{
    private readonly OnnxRuntimeLibrary _runtime;
    private readonly OrtSessionHandle _session;
    private bool _environmentReferenced;

    internal OnnxInferenceSession(OnnxRuntimeLibrary runtime, OrtSessionHandle session)
    {
        _runtime = runtime;
        _session = session;
        try
        {
            // Keep the environment alive as long as this session: releasing the env first would pull the
            // logging manager out from under the session.
            runtime.Environment.DangerousAddRef(ref _environmentReferenced);
            InputNames = ReadNames(input: true);
            OutputNames = ReadNames(input: false);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    private OrtApiTable Api => _runtime.Api;

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> and returns the requested outputs (float, int32 or int64 tensors).
    /// Cancelling the token asks ORT to terminate the run; the call then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public IReadOnlyList<OnnxTensor> Run(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        cancellationToken.ThrowIfCancellationRequested();

        var pins = new List<GCHandle>(inputs.Count * 2);
        var inputValues = new List<OrtValueHandle>(inputs.Count);
        var names = new List<IntPtr>(inputs.Count + outputNames.Count);
        var outputs = new IntPtr[outputNames.Count];
        var outputValues = new List<OrtValueHandle>(outputNames.Count);
        var sessionReferenced = false;
        try
        {
            _session.DangerousAddRef(ref sessionReferenced);
            var inputHandles = new IntPtr[inputs.Count];
            var inputNamePtrs = new IntPtr[inputs.Count];
            for (var i = 0; i < inputs.Count; i++)
            {
                inputValues.Add(CreateInputValue(inputs[i], pins));
                inputHandles[i] = inputValues[i].DangerousGetHandle();
                inputNamePtrs[i] = Marshal.StringToCoTaskMemUTF8(inputs[i].Name);
                names.Add(inputNamePtrs[i]);
            }

            var outputNamePtrs = new IntPtr[outputNames.Count];
            for (var i = 0; i < outputNames.Count; i++)
            {
                outputNamePtrs[i] = Marshal.StringToCoTaskMemUTF8(outputNames[i]);
                names.Add(outputNamePtrs[i]);
            }

            using var runOptions = cancellationToken.CanBeCanceled ? CreateRunOptions() : null;
            IntPtr status;
            // Dispose order matters: the registration is disposed (waiting for a running callback) before the run options.
            using (var registration = runOptions is null ? default : cancellationToken.Register(() => Terminate(runOptions)))
            {
                fixed (IntPtr* inputNamesPtr = inputNamePtrs)
                fixed (IntPtr* inputHandlesPtr = inputHandles)
                fixed (IntPtr* outputNamesPtr = outputNamePtrs)
                fixed (IntPtr* outputsPtr = outputs)
                {
                    status = Api.Run(
                        _session.DangerousGetHandle(),
                        runOptions?.DangerousGetHandle() ?? IntPtr.Zero,
                        inputNamesPtr,
                        inputHandlesPtr,
                        (nuint)inputs.Count,
                        outputNamesPtr,
                        (nuint)outputNames.Count,
                        outputsPtr);
                }
            }

            // Own every output ORT allocated before anything else can throw, so none is leaked.
            foreach (var output in outputs)
            {
                if (output != IntPtr.Zero)
                {
                    outputValues.Add(new OrtValueHandle(Api, output));
                }
            }

            if (status != IntPtr.Zero && cancellationToken.IsCancellationRequested)
            {
                using var ignored = new OrtStatusHandle(Api, status);
                throw new OperationCanceledException(cancellationToken);
            }

            Api.ThrowIfFailed(status);

            var results = new OnnxTensor[outputs.Length];
            for (var i = 0; i < outputs.Length; i++)
            {
                results[i] = CopyOutput(outputNames[i], outputs[i]);
            }

            return results;
        }
        finally
        {
            foreach (var value in outputValues)
            {
                value.Dispose();
            }

            foreach (var value in inputValues)
            {
                value.Dispose();
            }

            foreach (var pin in pins)
            {
                pin.Free();
            }

            foreach (var name in names)
            {
                Marshal.FreeCoTaskMem(name);
            }

            if (sessionReferenced)
            {
                _session.DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        if (_environmentReferenced)
        {
            _environmentReferenced = false;
            _runtime.Environment.DangerousRelease();
        }
    }

    private OrtValueHandle CreateInputValue(OnnxTensor tensor, List<GCHandle> pins)
    {
        var dataPin = GCHandle.Alloc(tensor.Data, GCHandleType.Pinned);
        pins.Add(dataPin);
        var shape = tensor.Shape.ToArray();
        IntPtr value;
        fixed (long* shapePtr = shape)
        {
            // ORT copies the shape; the data buffer stays ours and must remain pinned until the run ends.
            Api.ThrowIfFailed(Api.CreateTensorWithDataAsOrtValue(
                _runtime.CpuMemory.DangerousGetHandle(),
                (void*)dataPin.AddrOfPinnedObject(),
                (nuint)(tensor.Data.LongLength * tensor.ElementSize),
                shapePtr,
                (nuint)shape.Length,
                (int)tensor.ElementType,
                &value));
        }

        return new OrtValueHandle(Api, value);
    }

    private OnnxTensor CopyOutput(string name, IntPtr value)
    {
        IntPtr info;
        Api.ThrowIfFailed(Api.GetTensorTypeAndShape(value, &info));
        using var infoHandle = new OrtTensorTypeAndShapeInfoHandle(Api, info);
        int elementType;
        Api.ThrowIfFailed(Api.GetTensorElementType(info, &elementType));
        nuint rank;
        Api.ThrowIfFailed(Api.GetDimensionsCount(info, &rank));
        var shape = new long[(int)rank];
        fixed (long* shapePtr = shape)
        {
            Api.ThrowIfFailed(Api.GetDimensions(info, shapePtr, rank));
        }

        var count = 1L;
        foreach (var dimension in shape)
        {
            count *= dimension;
        }

        void* data;
        Api.ThrowIfFailed(Api.GetTensorMutableData(value, &data));
        Array copy = (OrtElementType)elementType switch
        {
            OrtElementType.Float => new ReadOnlySpan<float>(data, checked((int)count)).ToArray(),
            OrtElementType.Int32 => new ReadOnlySpan<int>(data, checked((int)count)).ToArray(),
            OrtElementType.Int64 => new ReadOnlySpan<long>(data, checked((int)count)).ToArray(),
            _ => throw new NotSupportedException($"Output '{name}' has ONNX element type {elementType}; only float, int32 and int64 outputs are supported."),
        };
        return OnnxTensor.Create(name, (OrtElementType)elementType, copy, shape);
    }

    private OrtRunOptionsHandle CreateRunOptions()
    {
        IntPtr options;
        Api.ThrowIfFailed(Api.CreateRunOptions(&options));
        return new OrtRunOptionsHandle(Api, options);
    }

    private void Terminate(OrtRunOptionsHandle runOptions)
    {
        // Runs on the cancelling thread; ORT checks the flag between operators and fails the run.
        var status = Api.RunOptionsSetTerminate(runOptions.DangerousGetHandle());
        if (status != IntPtr.Zero)
        {
            Api.ReleaseStatus(status);
        }
    }

    private string[] ReadNames(bool input)
    {
        var session = _session.DangerousGetHandle();
        nuint count;
        Api.ThrowIfFailed(input ? Api.SessionGetInputCount(session, &count) : Api.SessionGetOutputCount(session, &count));
        IntPtr allocator;
        Api.ThrowIfFailed(Api.GetAllocatorWithDefaultOptions(&allocator));
        var names = new string[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* name;
            Api.ThrowIfFailed(input ? Api.SessionGetInputName(session, i, allocator, &name) : Api.SessionGetOutputName(session, i, allocator, &name));
            try
            {
                names[(int)i] = Marshal.PtrToStringUTF8((IntPtr)name) ?? string.Empty;
            }
            finally
            {
                // The name was allocated by ORT's default allocator and must go back to it.
                Api.ThrowIfFailed(Api.AllocatorFree(allocator, name));
            }
        }

        return names;
    }
}
