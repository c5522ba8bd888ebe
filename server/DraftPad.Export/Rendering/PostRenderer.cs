using System.Globalization;
using System.Text;

namespace DraftPad.Export.Rendering;

/// <summary>Turns the pad's text and images into the repository files of the issue.</summary>
public static class PostRenderer
{
    /// <summary>
    /// The post and its images. The pad's text is written as it is (so a pad holding a published
    /// issue exports byte-identical to it); a text without front matter gets the site's front matter.
    /// </summary>
    /// <exception cref="ArgumentException">An image name is not a plain file name, or two images share one.</exception>
    public static IReadOnlyList<ExportFile> Render(ExportRequest request)
    {
        var files = new List<ExportFile>
        {
            new(PostLayout.PostPath(request.ReleaseDate), Encoding.UTF8.GetBytes(WithFrontMatter(request))),
        };
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var image in request.Images)
        {
            if (!PostLayout.IsValidImageName(image.Name))
            {
                throw new ArgumentException($"Image name '{image.Name}' is not allowed: use letters, digits, '.', '_' or '-' and an image extension (png, jpg, jpeg, gif, webp, svg).");
            }
            if (!names.Add(image.Name)) throw new ArgumentException($"Two images are named '{image.Name}'.");
            files.Add(new ExportFile(PostLayout.ImageDirectory(request.ReleaseDate) + image.Name, image.Content));
        }
        return files;
    }

    /// <summary>"November 2026".</summary>
    public static string MonthName(int year, int month) => new DateOnly(year, month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private static string WithFrontMatter(ExportRequest request)
    {
        if (request.Markdown.StartsWith("---\n", StringComparison.Ordinal) || request.Markdown.StartsWith("---\r\n", StringComparison.Ordinal))
        {
            return request.Markdown;
        }
        var date = request.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"---\ntitle: The XMPP Newsletter {MonthName(request.Year, request.Month)}\ndate: {date}\ncategories: ['Newsletter']\n---\n\n{request.Markdown}";
    }
}
