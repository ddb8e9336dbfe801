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
        case .copyARN, .copyCommand:
            let renewal = state.rowIndexByARN[detail.arn].flatMap { state.rows[$0].renewal }
            return copy(&state, action, arn: detail.arn, renewal: renewal)
        case .forceQuit:
            state.quitting = true
            return [.quit]
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
}
