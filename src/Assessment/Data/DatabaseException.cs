namespace Assessment.Data;

/// <summary>The database cannot be used as asked: missing, unreachable, or its schema could not be brought up to date.</summary>
public sealed class DatabaseException(string message, Exception? inner = null) : Exception(message, inner);
