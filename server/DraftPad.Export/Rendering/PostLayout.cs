using System.Globalization;

namespace DraftPad.Export.Rendering;

/// <summary>Where the site repository (Hugo) keeps a newsletter issue and its images.</summary>
public static class PostLayout
{
    /// <summary>The post: <c>content/blog/newsletter/YYYY-MM-DD-newsletter.md</c>, named after the planned release date.</summary>
    public static string PostPath(DateOnly releaseDate) =>
        $"content/blog/newsletter/{Date(releaseDate)}-newsletter.md";

    /// <summary>The image folder in the repository: <c>static/images/newsletter/YYYY-MM-DD/</c>.</summary>
    public static string ImageDirectory(DateOnly releaseDate) => $"static/images/newsletter/{Date(releaseDate)}/";

    /// <summary>How the post refers to an image: <c>/images/newsletter/YYYY-MM-DD/name</c>.</summary>
    public static string ImageUrl(DateOnly releaseDate, string name) => $"/images/newsletter/{Date(releaseDate)}/{name}";

    /// <summary>
    /// True for a plain file name the site can serve: letters, digits, <c>._-</c>, an image
    /// extension, no path. Anything else could escape the image folder or break the shortcode.
    /// </summary>
    public static bool IsValidImageName(string name)
    {
        if (name.Length is 0 or > 100 || name.StartsWith('.')) return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-')) return false;
        }
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return extension is ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp" or ".svg";
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
