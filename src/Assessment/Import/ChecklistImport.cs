using Assessment.Data;
using Assessment.Resources;

namespace Assessment.Import;

/// <summary>
/// The reviewed self-assessment checklist: <c>code,year,item,points</c>, optionally <c>not_applicable</c> and
/// <c>evidence</c>. Items are those the rule sets read with <c>m.Points("item")</c>; a row already stored is replaced.
/// </summary>
internal sealed class ChecklistImport : TableImport<ChecklistRepository.Entry>
{
    private readonly InstitutionRows _institutions = new();

    public override ImportKind Kind => ImportKind.Checklist;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("code", ImportAliases.InstitutionCode),
        new("year", ImportAliases.Year),
        new("item", ["考核项目", "项目", "清单项"]),
        new("points", ["审核得分", "得分", "分值"]),
        new("not_applicable", ["不适用"], Required: false),
        new("evidence", ["佐证材料", "证明材料", "佐证"], Required: false),
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["code", "year", "item"];

    public override Task LoadAsync(DbSession session, ImportOptions options, CancellationToken cancellationToken) =>
        _institutions.LoadAsync(session, options, cancellationToken);

    public override ChecklistRepository.Entry Read(CellReader cells)
    {
        var code = _institutions.Code(cells);

        var year = _institutions.Year(cells);
        var item = cells.Text("item") ?? "";
        if (item.Length > 0 && Rules.ChecklistVocabulary.Current is { } vocabulary && !vocabulary.Contains(item))
        {
            cells.Error("item", item, string.Format(Strings.ConstantItemUnknown, item, string.Join(", ", vocabulary.Items.Select(known => known.Id))));
        }

        var points = cells.Quantity("points");
        var notApplicable = cells.Has("not_applicable") && cells.Flag("not_applicable");
        var evidence = cells.Text("evidence", required: false) is { Length: > 0 } text ? text : null;
        return new ChecklistRepository.Entry(code ?? "", year, item, points, notApplicable, evidence);
    }

    public override string Key(ChecklistRepository.Entry row) => $"{row.Code} {row.Year} {row.Item}";

    public override async Task<ImportCounts> WriteAsync(DbSession session, IReadOnlyList<ChecklistRepository.Entry> rows, long importId,
        DateTime now, CancellationToken cancellationToken)
    {
        var repository = new ChecklistRepository(session);
        var stored = new List<ChecklistRepository.Entry>();
        foreach (var year in rows.Select(row => row.Year).Distinct())
        {
            stored.AddRange(await repository.ListAsync(year, cancellationToken));
        }

        return await UpsertCountedAsync(rows, () => Task.FromResult<IReadOnlyList<ChecklistRepository.Entry>>(stored),
            changed => repository.UpsertAsync(changed, importId, cancellationToken));
    }
}
