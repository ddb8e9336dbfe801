import PCAAdmin
import Foundation

extension Reducer {
    static func openGlobalOverlay(_ state: inout AppState, _ action: Action) -> [AppEffect] {
        switch action {
        case .help:
            state.overlay = .help(scroll: 0)
        case .activity:
            state.overlay = .activity(scroll: max(0, state.activity.count - (state.height - 6)))
        case .pickProfile:
            guard state.canSwitchProfile, !state.profiles.isEmpty else {
                showMessage(&state, state.canSwitchProfile ? "No profiles in the AWS config files"
                                : "The demo has no AWS profiles; run without --demo to use them", kind: .warning)
                return []
            }
            state.overlay = .picker(PickerState(purpose: .profile, items: state.profiles,
                                                selected: state.profiles.firstIndex(of: state.header.profile) ?? 0))
        case .pickRegion:
            guard state.canSwitchProfile else {
                showMessage(&state, "The demo runs in us-east-1 only", kind: .warning)
                return []
            }
            state.overlay = .picker(PickerState(purpose: .region, items: state.regions,
                                                selected: state.regions.firstIndex(of: state.header.region) ?? 0))
        case .command:
            state.overlay = .command("")
        case .toggleReadOnly:
            if !state.readOnly {
                state.readOnlyMode.toggled = true
                showMessage(&state, "Read-only: on. No change can be saved.", kind: .info)
            } else if state.readOnlyMode.canLift {
                state.overlay = .confirmAllowWrites
            } else {
                showMessage(&state, "Read-only stays on: --read-only was given on the command line for this session.",
                            kind: .warning)
            }
        default:
            break
        }
        return []
    }

    static func handleOverlayKey(_ state: inout AppState, _ overlay: Overlay, _ key: Key) -> [AppEffect] {
        switch overlay {
        case let .dialog(dialog):
            return handleDialogKey(&state, dialog, key)
        case let .bulk(bulk):
            return handleBulkKey(&state, bulk, key)
        case let .issue(dialog):
            return handleIssueKey(&state, dialog, key)
        case let .sharing(dialog):
            return handleSharingKey(&state, dialog, key)
        case let .certificates(view):
            return handleCertificatesKey(&state, view, key)
        case let .help(scroll):
            if let scroll = scrolled(scroll, key, closeKeys: [.escape, .character("q"), .character("?"), .enter], state: &state) {
                state.overlay = .help(scroll: scroll)
            }
        case let .activity(scroll):
            if let scroll = scrolled(scroll, key, closeKeys: [.escape, .character("q"), .character("L"), .enter], state: &state) {
                state.overlay = .activity(scroll: scroll)
            }
        case let .picker(picker):
            return handlePickerKey(&state, picker, key)
        case let .command(text):
            return handleCommandKey(&state, text, key)
        case .confirmQuitDuringWrite:
            state.overlay = nil
            guard [.character("y"), .character("Y")].contains(key) else {
                showMessage(&state, "Not quitting; the change goes on.")
                return []
            }
            state.quitAfterWrites = true
            if state.writesInFlight == 0 {
                state.quitting = true
                return [.quit]
            }
            showMessage(&state, "Quitting once the change in flight has finished and been journaled…", kind: .warning, seconds: 60)
            return [.stopWrites]
        case .confirmAllowWrites:
            state.overlay = nil
            if key == .character("y") || key == .character("Y") {
                state.readOnlyMode.toggled = false
                showMessage(&state, "Read-only: off. Saves now change AWS.", kind: .warning)
            } else {
                showMessage(&state, "Read-only stays on.")
            }
        }
        return []
    }

    /// The new scroll offset, or nil when the key closed the overlay.
    private static func scrolled(_ scroll: Int, _ key: Key, closeKeys: [Key], state: inout AppState) -> Int? {
        if closeKeys.contains(key) {
            state.overlay = nil
            return nil
        }
        let page = max(1, state.height - 6)
        switch KeyMap.action(for: key, in: .detail) {
        case .moveUp: return max(0, scroll - 1)
        case .moveDown: return scroll + 1
        case .pageUp: return max(0, scroll - page)
        case .pageDown: return scroll + page
        case .top: return 0
        case .bottom: return Int.max / 4
        default: return scroll
        }
    }

    private static func handlePickerKey(_ state: inout AppState, _ picker: PickerState, _ key: Key) -> [AppEffect] {
        var picker = picker
        switch key {
        case .up, .character("k"): picker.selected = max(0, picker.selected - 1)
        case .down, .character("j"): picker.selected = min(picker.items.count - 1, picker.selected + 1)
        case .pageUp: picker.selected = max(0, picker.selected - 10)
        case .pageDown: picker.selected = min(picker.items.count - 1, picker.selected + 10)
        case .home, .character("g"): picker.selected = 0
        case .end, .character("G"): picker.selected = picker.items.count - 1
        case .escape, .character("q"):
            state.overlay = nil
            return []
        case .enter:
            state.overlay = nil
            guard picker.items.indices.contains(picker.selected) else { return [] }
            let choice = picker.items[picker.selected]
            return picker.purpose == .profile ? [.switchSession(profile: choice, region: nil)]
                : [.switchSession(profile: nil, region: choice)]
        default:
            return []
        }
        state.overlay = .picker(picker)
        return []
    }

    private static func handleCommandKey(_ state: inout AppState, _ text: String, _ key: Key) -> [AppEffect] {
        switch key {
        case .escape:
            state.overlay = nil
        case .backspace, .delete:
            state.overlay = .command(String(text.dropLast()))
        case let .character(c):
            state.overlay = .command(text + String(c))
        case .enter:
            state.overlay = nil
            return runCommand(&state, text)
        default:
            break
        }
        return []
    }

    /// `:profile NAME`, `:region NAME`, `:show COLUMN`, `:hide COLUMN`, `:columns`, `:q`.
    static func runCommand(_ state: inout AppState, _ text: String) -> [AppEffect] {
        let words = text.split(separator: " ").map(String.init)
        switch (words.first, words.count) {
        case ("q", 1), ("quit", 1):
            state.quitting = true
            return [.quit]
        case ("profile", 2):
            guard state.canSwitchProfile else {
                showMessage(&state, "The demo has no AWS profiles", kind: .warning)
                return []
            }
            return [.switchSession(profile: words[1], region: nil)]
        case ("region", 2):
            guard state.canSwitchProfile else {
                showMessage(&state, "The demo runs in us-east-1 only", kind: .warning)
                return []
            }
            return [.switchSession(profile: nil, region: words[1])]
        case ("show", 2), ("hide", 2):
            setColumn(&state, words[1], shown: words[0] == "show")
            return []
        case ("refresh", 2):
            setAutoRefresh(&state, words[1])
            return []
        case ("columns", 1):
            // ACCOUNT and REGION belong to an estate: outside one they are not columns to show.
            let estateOnly: Set<ListColumn> = state.estate == nil ? [.account, .region] : []
            let hidden = ListColumn.allCases.filter { state.hiddenColumns.contains($0) && !estateOnly.contains($0) }
                .map { $0.title.lowercased() }
            showMessage(&state, hidden.isEmpty ? "Every column is shown" : "Hidden columns: \(hidden.joined(separator: ", ")) (:show NAME)",
                        seconds: 10)
            return []
        default:
            showMessage(&state, "Unknown command ':\(text)'. Try :profile NAME, :region NAME, :show COLUMN, :hide COLUMN, "
                        + ":refresh SECONDS|off or :q",
                        kind: .warning)
            return []
        }
    }

    /// `:refresh 60` reloads the list every 60 seconds (5 to 86,400, as `--refresh`); `:refresh off` stops it.
    static func setAutoRefresh(_ state: inout AppState, _ word: String) {
        if word == "off" {
            state.autoRefresh = nil
            state.nextRefreshAt = nil
            showMessage(&state, "Auto-refresh: off", kind: .success)
            return
        }
        guard let seconds = Double(word), seconds.isFinite, (5...86_400).contains(seconds) else {
            showMessage(&state, "':refresh \(word)': give seconds from 5 to 86400, or off", kind: .warning)
            return
        }
        state.autoRefresh = seconds
        state.nextRefreshAt = state.now.addingTimeInterval(seconds)
        showMessage(&state, "Auto-refresh: every \(Int(seconds)) s", kind: .success)
    }

    static func setColumn(_ state: inout AppState, _ word: String, shown: Bool) {
        guard let column = ListColumn(word: word) else {
            let names = ListColumn.allCases.map { $0.title.lowercased() }.joined(separator: ", ")
            showMessage(&state, "No column '\(word)'. Columns: \(names)", kind: .warning, seconds: 10)
            return
        }
        guard column != .name else {
            showMessage(&state, "The name column is always shown", kind: .warning)
            return
        }
        let before = ListView.layout(width: state.width, unicode: state.theme.unicode, hidden: state.hiddenColumns,
                                     pinned: state.pinnedColumns).map(\.column)
        if shown {
            state.hiddenColumns.remove(column)
            state.pinnedColumns.insert(column)
        } else {
            state.hiddenColumns.insert(column)
            state.pinnedColumns.remove(column)
            if state.sort.column == column {
                state.sort = SortOrder()
                recomputeVisible(&state, keepSelection: true)
            }
            showMessage(&state, "Hiding \(column.title.lowercased())", kind: .success)
            return
        }
        let after = ListView.layout(width: state.width, unicode: state.theme.unicode, hidden: state.hiddenColumns,
                                    pinned: state.pinnedColumns).map(\.column)
        guard after.contains(column) else {
            showMessage(&state, "Cannot show \(column.title.lowercased()) at \(state.width) columns: widen the terminal "
                        + "or :hide another column", kind: .warning, seconds: 10)
            return
        }
        let displaced = before.filter { !after.contains($0) }.map { $0.title.lowercased() }
        showMessage(&state, "Showing \(column.title.lowercased())"
                    + (displaced.isEmpty ? "" : "; left out to make room: \(displaced.joined(separator: ", "))"), kind: .success)
    }
}
