using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Assessment.Web.Pages;

/// <summary>Charts drawn on the server as SVG: no script, readable without JavaScript, and testable as text.</summary>
public static class Charts
{
    private const int Width = 640;

    /// <summary>Horizontal bars, one per label, with the value written at the end of each bar.</summary>
    public static IHtmlContent Bars(string id, string title, IReadOnlyList<(string Label, double Value)> bars, string format = "0.0")
    {
        const int row = 24, left = 150, right = 60;
        var max = bars.Count == 0 ? 1 : Math.Max(bars.Max(bar => bar.Value), 1e-9);
        var height = bars.Count * row + 30;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" role=\"img\" aria-label=\"{Encode(title)}\" width=\"100%\" style=\"max-width:{Width}px\" viewBox=\"0 0 {Width} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var length = (Width - left - right) * Math.Max(value, 0) / max;
            var y = 10 + i * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{length:0.0}\" height=\"{row - 8}\" fill=\"#1f5f8b\"><title>{Encode(label)}: {value.ToString(format, CultureInfo.InvariantCulture)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + length + 4:0.0}\" y=\"{y + 15}\">{value.ToString(format, CultureInfo.InvariantCulture)}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A line of values by year, with a dashed target line from the baseline to the target year.</summary>
    public static IHtmlContent Trend(string id, string title, IReadOnlyList<(int Year, double Value)> points, (int Year, double Value)? from,
        (int Year, double Value)? to, string unit, string targetLabel)
    {
        const int height = 260, left = 60, right = 20, top = 20, bottom = 40;
        if (points.Count == 0)
        {
            return HtmlString.Empty;
        }

        var years = points.Select(p => p.Year).Concat(from is { } f ? [f.Year] : []).Concat(to is { } t ? [t.Year] : []).ToArray();
        var values = points.Select(p => p.Value).Concat(from is { } a ? [a.Value] : []).Concat(to is { } b ? [b.Value] : []).ToArray();
        double minYear = years.Min(), maxYear = Math.Max(years.Max(), minYear + 1);
        double low = values.Min() * 0.95, high = Math.Max(values.Max() * 1.05, low + 1e-9);
        double X(double year) => left + (Width - left - right) * (year - minYear) / (maxYear - minYear);
        double Y(double value) => top + (height - top - bottom) * (high - value) / (high - low);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" role=\"img\" aria-label=\"{Encode(title)}\" width=\"100%\" style=\"max-width:{Width}px\" viewBox=\"0 0 {Width} {height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{Width - right}\" y2=\"{height - bottom}\" stroke=\"#999\"/>");
        for (var year = (int)minYear; year <= (int)maxYear; year++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(year):0.0}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{year}</text>");
        }

        foreach (var value in new[] { low, (low + high) / 2, high })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Y(value) + 4:0.0}\" text-anchor=\"end\">{value:0.0}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"12\">{Encode(unit)}</text>");
        if (from is not null && to is not null)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Width - 200}\" y1=\"8\" x2=\"{Width - 170}\" y2=\"8\" stroke=\"#b3261e\" stroke-dasharray=\"6 4\"/><text x=\"{Width - 165}\" y=\"12\">{Encode(targetLabel)}</text>");
        }

        if (from is { } start && to is { } end)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"target\" x1=\"{X(start.Year):0.0}\" y1=\"{Y(start.Value):0.0}\" x2=\"{X(end.Year):0.0}\" y2=\"{Y(end.Value):0.0}\" stroke=\"#b3261e\" stroke-dasharray=\"6 4\"/>");
        }

        var path = string.Join(" ", points.Select((p, i) => $"{(i == 0 ? "M" : "L")}{X(p.Year).ToString("0.0", CultureInfo.InvariantCulture)},{Y(p.Value).ToString("0.0", CultureInfo.InvariantCulture)}"));
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"2\"/>");
        foreach (var (year, value) in points)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(year):0.0}\" cy=\"{Y(value):0.0}\" r=\"3\" fill=\"#1f5f8b\"><title>{year}: {value:0.00}</title></circle>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
