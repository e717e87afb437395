namespace Assessment.Import;

/// <summary>Chinese headers shared by several kinds of file (docs/import.md lists them all).</summary>
internal static class ImportAliases
{
    public static readonly string[] InstitutionCode = ["单位编码", "单位代码", "机构编码", "编码"];
    public static readonly string[] Year = ["年", "年度", "年份", "统计年度"];
}
