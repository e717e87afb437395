using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Assessment.Resources;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Assessment.Import;

/// <summary>
/// Reads CSV (UTF-8 or GB18030, the encoding Chinese Excel saves CSV in) and XLSX files into rows of text cells,
/// with CsvHelper and MiniExcel. Numbers from a workbook are written back in invariant culture.
/// </summary>
public static class TabularReader
{
    static TabularReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads <paramref name="path"/>; throws <see cref="ImportFileException"/> when the file as a whole cannot be read.</summary>
    public static TabularFile Read(string path, ImportOptions options)
    {
        var name = Path.GetFileName(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw Problem(name, string.Format(Strings.ImportFileMissing, path));
        }

        if (info.Length > ImportOptions.MaxFileBytes)
        {
            throw Problem(name, string.Format(Strings.ImportFileTooLarge, info.Length / (1024 * 1024), ImportOptions.MaxFileBytes / (1024 * 1024)));
        }

        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" or ".txt" or ".tsv" => new TabularFile(name, ReadCsv(name, bytes, options.Encoding), sha, Delimited: true),
            ".xlsx" or ".xlsm" => new TabularFile(name, ReadXlsx(name, bytes, options.Sheet), sha, Delimited: false),
            ".xls" => throw Problem(name, Strings.ImportXlsUnsupported),
            var other => throw Problem(name, string.Format(Strings.ImportExtensionUnsupported, other)),
        };
    }

    /// <summary>
    /// Decodes CSV bytes: a byte-order mark wins (UTF-8, or UTF-16 as Excel's "Unicode text" writes); <c>auto</c> takes
    /// UTF-8 when the bytes are valid UTF-8, else GB18030.
    /// </summary>
    public static string Decode(byte[] bytes, string encoding, string name)
    {
        foreach (var withMark in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            var mark = withMark.Preamble;
            if (bytes.AsSpan().StartsWith(mark))
            {
                return withMark.GetString(bytes, mark.Length, bytes.Length - mark.Length);
            }
        }

        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var gb18030 = Encoding.GetEncoding("GB18030");
        switch (encoding.ToLowerInvariant())
        {
            case "utf-8" or "utf8":
                try
                {
                    return strictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw Problem(name, Strings.ImportNotUtf8);
                }
            case "gb18030" or "gbk" or "gb2312":
                return gb18030.GetString(bytes);
            case "auto":
                try
                {
                    return strictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    return gb18030.GetString(bytes);
                }
            default:
                throw Problem(name, string.Format(Strings.ImportEncodingUnknown, encoding));
        }
    }

    private static List<TabularRow> ReadCsv(string name, byte[] bytes, string encoding)
    {
        var text = Decode(bytes, encoding, name);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Delimiter = Delimiter(text),
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = false,
            DetectColumnCountChanges = false,
        };
        var rows = new List<TabularRow>();
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, configuration);
        try
        {
            while (csv.Read())
            {
                var cells = new string[csv.Parser.Count];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = csv.Parser[i] ?? "";
                }

                rows.Add(new TabularRow(csv.Parser.RawRow, cells));
            }
        }
        catch (CsvHelperException e)
        {
            throw new ImportFileException(new ImportError(name, e.Context?.Parser?.RawRow ?? 0, "", "", Strings.ImportCsvMalformed));
        }

        return rows;
    }

    /// <summary>
    /// The field separator: a comma, unless the first lines hold more tabs or semicolons than commas (Excel's "Unicode
    /// text" is tab-separated; some locales write semicolons).
    /// </summary>
    internal static string Delimiter(string text)
    {
        var head = string.Join('\n', text.Split('\n').Take(HeaderMap.HeaderSearchRows));
        return new[] { ",", "\t", ";" }.MaxBy(candidate => head.Count(c => c == candidate[0]))!;
    }

    private static List<TabularRow> ReadXlsx(string name, byte[] bytes, string? sheet)
    {
        var rows = new List<TabularRow>();
        try
        {
            using var stream = new MemoryStream(bytes);
            var sheets = MiniExcel.GetSheetNames(stream);
            if (sheet is not null && !sheets.Contains(sheet))
            {
                throw Problem(name, string.Format(Strings.ImportSheetMissing, sheet, string.Join(", ", sheets)));
            }

            stream.Position = 0;
            var line = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet ?? sheets.FirstOrDefault(), excelType: ExcelType.XLSX))
            {
                line++;
                rows.Add(new TabularRow(line, row.Values.Select(CellText).ToArray()));
            }
        }
        catch (ImportFileException)
        {
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or NotSupportedException
                                      or System.Xml.XmlException or ArgumentException or FormatException)
        {
            throw Problem(name, string.Format(Strings.ImportXlsxUnreadable, e.Message));
        }

        return rows;
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static ImportFileException Problem(string name, string reason) => new(new ImportError(name, 0, "", "", reason));
}
