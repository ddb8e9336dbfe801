import PCAAdmin
import Foundation

extension Reducer {
    static func handleDetailAction(_ state: inout AppState, _ detail: DetailState, _ action: Action) -> [AppEffect] {
        var detail = detail
        let page = max(1, state.height - 5)
        switch action {
        case .moveUp: detail.scroll -= 1
        case .moveDown: detail.scroll += 1
        case .pageUp: detail.scroll -= page
        case .pageDown: detail.scroll += page
        case .halfPageUp: detail.scroll -= page / 2
        case .halfPageDown: detail.scroll += page / 2
        case .top: detail.scroll = 0
        case .bottom: detail.scroll = Int.max / 2
        case .back, .quit:
            state.screen = .list
            return []
        case .refresh:
            detail.detail = nil
            state.screen = .detail(detail)
            return [.loadDetail(arn: detail.arn)]
        case .configurePermissions:
            guard let index = state.rowIndexByARN[detail.arn] else { return [] }
            return openDialog(&state, state.rows[index])
        case .retryRenewals:
            return retryFromScreen(&state, arn: detail.arn)
        case .issueCertificate:
            return openIssueDialog(&state, arn: detail.arn)
        case .configureSharing:
            return openSharingDialog(&state, detail)
        case .showCertificates:
            let name = state.rowIndexByARN[detail.arn].map { state.rows[$0].name } ?? detail.arn
            state.overlay = .certificates(CertificatesViewState(arn: detail.arn, name: name))
            return []
        case .copyARN, .copyCommand:
            let renewal = state.rowIndexByARN[detail.arn].flatMap { state.rows[$0].renewal }
            return copy(&state, action, arn: detail.arn, renewal: renewal)
        case .forceQuit:
            return requestQuit(&state)
        case .help, .activity, .pickProfile, .pickRegion, .command, .toggleReadOnly:
            return openGlobalOverlay(&state, action)
        default:
            return []
        }
        state.screen = .detail(detail)
        clampDetailScroll(&state)
        return []
    }

    static func clampDetailScroll(_ state: inout AppState) {
        guard case var .detail(detail) = state.screen else { return }
        let lines = DetailLines.build(detail, state: state).count
        let visibleLines = max(1, state.height - 5)
        detail.scroll = max(0, min(detail.scroll, max(0, lines - visibleLines)))
        state.screen = .detail(detail)
    }

    /// The certificates box: `/` types a filter (Enter keeps it, Esc clears it), arrows and pages scroll, Esc
    /// or q closes.
    static func handleCertificatesKey(_ state: inout AppState, _ view: CertificatesViewState, _ key: Key) -> [AppEffect] {
        var view = view
        if view.editingFilter {
            switch key {
            case .enter: view.editingFilter = false
            case .escape:
                view.editingFilter = false
                view.filter = ""
            case .backspace, .delete: if !view.filter.isEmpty { view.filter.removeLast() }
            case let .character(c): view.filter.append(c)
            default: return []
            }
            view.scroll = 0
            state.overlay = .certificates(view)
            return []
        }
        let page = max(1, state.height - 10)
        switch key {
        case .character("/"): view.editingFilter = true
        case .escape where !view.filter.isEmpty:
            view.filter = ""
            view.scroll = 0
        case .escape, .character("q"), .character("a"):
            state.overlay = nil
            return []
        case .up, .character("k"): view.scroll -= 1
        case .down, .character("j"): view.scroll += 1
        case .pageUp: view.scroll -= page
        case .pageDown: view.scroll += page
        case .home, .character("g"): view.scroll = 0
        case .end, .character("G"): view.scroll = Int.max / 2
        default: return []
        }
        let count = view.shown(state.acmCertificates?[view.arn], now: state.now).count
        view.scroll = max(0, min(view.scroll, max(0, count - page)))
        state.overlay = .certificates(view)
        return []
    }
}
