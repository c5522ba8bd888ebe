namespace DraftPad.Lint.Rules;

/// <summary>The built-in rules, in id order.</summary>
internal static class BuiltInRules
{
    public static IEnumerable<ILintRule> Create() =>
    [
        new FrontMatterRule(),
        new TitleRule(),
        new DateRule(),
        new PlannedDateRule(),
        new CategoriesRule(),
        new SummaryRule(),
        new FrontMatterKeysRule(),
        new HeadingMissingSpaceRule(),
        new HeadingLevelRule(),
        new OrphanSubsectionRule(),
        new UnknownSectionRule(),
        new SectionNameTypoRule(),
        new DuplicateSectionRule(),
        new SectionOrderRule(),
        new RequiredSectionRule(),
        new ExtensionSubsectionsRule(),
        new ExtensionPlaceholderRule(),
        new PlaceholderMismatchRule(),
        new XepLinkNumberRule(),
        new XepLinkFormRule(),
        new EmptyLinkRule(),
        new PlaceholderLinkRule(),
        new DuplicateEntryRule(),
        new BrokenAnchorRule(),
        new MarkdownImageRule(),
        new ShortcodeSyntaxRule(),
        new UnknownShortcodeRule(),
        new ShortcodeRequiredParamsRule(),
        new ShortcodeUnknownParamsRule(),
        new FigureLocationRule(),
        new EditorNoteRule(),
        new UnclosedCommentRule(),
        new TodoLineRule(),
        new WelcomeMonthRule(),
    ];
}
