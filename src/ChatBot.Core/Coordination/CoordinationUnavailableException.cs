namespace ChatBot.Core.Coordination;

/// <summary>
/// The shared store that coordinates replicas could not be reached, so it is unknown whether another replica is
/// answering: the platform must deliver the update again later rather than have it dropped or answered twice.
/// </summary>
public sealed class CoordinationUnavailableException(string message, Exception innerException) : Exception(message, innerException);
