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
        var rows = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv(name, bytes, options.Encoding),
            ".xlsx" or ".xlsm" => ReadXlsx(name, bytes, options.Sheet),
            ".xls" => throw Problem(name, Strings.ImportXlsUnsupported),
            var other => throw Problem(name, string.Format(Strings.ImportExtensionUnsupported, other)),
        };
        return new TabularFile(name, rows, sha);
    }

    /// <summary>Decodes CSV bytes: a byte-order mark wins; <c>auto</c> takes UTF-8 when the bytes are valid UTF-8, else GB18030.</summary>
    public static string Decode(byte[] bytes, string encoding, string name)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
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
            Delimiter = ",",
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
